-- Adds a version of one alerting document; the highest version wins in alert_config FINAL.
INSERT INTO alert_config
SELECT {project:String}, {kind:String}, {id:String}, {body:String}, {deleted:Bool}, {version:UInt64}, now64(3)

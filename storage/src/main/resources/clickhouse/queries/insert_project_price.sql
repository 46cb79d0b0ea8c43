-- Adds a version of one project price; the newest version (updated_at) wins in project_prices FINAL.
INSERT INTO project_prices
SELECT {project:String}, {provider:String}, {model_pattern:String}, toDate({effective_from:String}),
       {any_provider:Bool}, toDecimal128({input:String}, 9), toDecimal128({output:String}, 9),
       if({cache_read:String} = '', NULL, toDecimal128({cache_read:String}, 9)),
       if({cache_write:String} = '', NULL, toDecimal128({cache_write:String}, 9)),
       if({reasoning:String} = '', NULL, toDecimal128({reasoning:String}, 9)),
       {source:String}, {deleted:Bool}, now64(3)

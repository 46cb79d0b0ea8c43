package dev.boxscore.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which module may reach which, over the production classes of every module (tests excluded: a test
 * may wire anything). Data flows one way, collector → Kafka → ingest → ClickHouse → query API; the
 * roles share model, wire and auth (ingest and the query API also storage), and a module that
 * reached across would tie roles that deploy and scale apart. A rule that selects no class fails
 * (ArchUnit's default), so a renamed package cannot make one pass vacuously.
 */
@AnalyzeClasses(packages = "dev.boxscore", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
  // The collector must answer while storage is down, and never sees what ingest or the query API
  // do.
  @ArchTest
  static final ArchRule collectorReachesNeitherStorageNorIngestNorQuery =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.collector..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.boxscore.storage..", "dev.boxscore.ingest..", "dev.boxscore.query..");

  @ArchTest
  static final ArchRule ingestReachesNeitherCollectorNorQuery =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.ingest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.boxscore.collector..", "dev.boxscore.query..");

  @ArchTest
  static final ArchRule queryReachesNeitherIngestNorCollector =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.query..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.boxscore.ingest..", "dev.boxscore.collector..");

  // Embedded Kafka and ClickHouse are the one-machine mode's; a role that used them could not run
  // distributed.
  @ArchTest
  static final ArchRule onlyTheOneMachineAssemblyReachesEmbedded =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.boxscore.embedded..", "dev.boxscore.server..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.boxscore.embedded..");

  // The shared vocabulary: every role depends on these, so they depend on no role.
  @ArchTest
  static final ArchRule modelDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.model..")
          .should()
          .dependOnClassesThat(ours().and(resideOutsideOfPackage("dev.boxscore.model..")));

  // Alerting's rules, states and notification formats are plain logic the query role drives; they
  // know nothing of storage, Kafka or the API.
  @ArchTest
  static final ArchRule alertingDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.alerting..")
          .should()
          .dependOnClassesThat(ours().and(resideOutsideOfPackage("dev.boxscore.alerting..")));

  @ArchTest
  static final ArchRule wireDependsOnNothingOfOurs =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.wire..")
          .should()
          .dependOnClassesThat(ours().and(resideOutsideOfPackage("dev.boxscore.wire..")));

  // The load generator is a client like any other: it checks what was stored through the query
  // API only, so what it reports is what a user would see, never what the engine holds.
  @ArchTest
  static final ArchRule loadGeneratorReachesOnlyTheModel =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.loadgen..")
          .should()
          .dependOnClassesThat(
              ours()
                  .and(resideOutsideOfPackage("dev.boxscore.loadgen.."))
                  .and(resideOutsideOfPackage("dev.boxscore.model..")));

  private static DescribedPredicate<JavaClass> ours() {
    return resideInAPackage("dev.boxscore..");
  }
}

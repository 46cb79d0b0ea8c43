package dev.boxscore.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Project scoping by construction: inside the query API, ClickHouse is reached only through {@code
 * ProjectScope}, whose readers are bound to the caller's project. An endpoint or service that used
 * the storage itself could read any project; this fails the build then.
 */
@AnalyzeClasses(packages = "dev.boxscore", importOptions = ImportOption.DoNotIncludeTests.class)
class OnlyProjectScopeReachesStorageTest {
  private static final String PROJECT_SCOPE = "dev.boxscore.query.scope.ProjectScope";
  // The alert evaluator works for every project outside any request; no endpoint may use it.
  private static final String ALERTING_STORE = "dev.boxscore.query.scope.AlertingStore";
  // Attributing pending scores and the LLM judge work for every project too; no endpoint either.
  private static final String SCORING_STORE = "dev.boxscore.query.scope.ScoringStore";

  @ArchTest
  static final ArchRule noQueryClassButProjectScopeReachesClickHouse =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.query..")
          .and(not(projectScope()))
          .and(not(belongTo(name(ALERTING_STORE))))
          .and(not(belongTo(name(SCORING_STORE))))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.boxscore.storage.clickhouse..");

  // Guards the rule above against passing because it names a class that is no longer there.
  @ArchTest
  static final ArchRule projectScopeItselfReachesClickHouse =
      classes()
          .that()
          .haveFullyQualifiedName(PROJECT_SCOPE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.boxscore.storage.clickhouse..");

  @ArchTest
  static final ArchRule noEndpointUsesTheEvaluatorsStore =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.query.rest..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName(ALERTING_STORE);

  @ArchTest
  static final ArchRule noEndpointUsesTheScoringStore =
      noClasses()
          .that()
          .resideInAPackage("dev.boxscore.query.rest..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName(SCORING_STORE);

  /** ProjectScope with its nested and anonymous classes and lambdas' holders. */
  private static DescribedPredicate<JavaClass> projectScope() {
    return belongTo(name(PROJECT_SCOPE)).as("ProjectScope");
  }
}

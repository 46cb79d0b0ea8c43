package dev.boxscore.storage.clickhouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.clickhouse.client.api.Client;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every statement with values goes through {@link BoundStatements}, which escapes each String
 * parameter: a reader that called the client itself would send a backslash, tab, newline or {@code
 * \N} unescaped (a 500, or a filter silently dropped), as the analytics and price queries once did.
 */
class OnlyBoundStatementsQueryTest {
  private static final Set<String> STATEMENT_METHODS =
      Set.of("query", "queryAll", "queryRecords", "execute");

  @Test
  void noOtherClassOfStorageSendsStatementsThroughTheClient() {
    JavaClasses storage =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.boxscore.storage");
    DescribedPredicate<JavaCall<?>> statementOnClient =
        DescribedPredicate.describe(
            "a statement method of the ClickHouse client",
            call ->
                call.getTargetOwner().isAssignableTo(Client.class)
                    && STATEMENT_METHODS.contains(call.getName()));
    ArchRule rule =
        noClasses()
            .that()
            .doNotBelongToAnyOf(BoundStatements.class)
            .should()
            .callMethodWhere(statementOnClient)
            .because("String parameters must be escaped by BoundStatements");
    rule.check(storage);
  }
}

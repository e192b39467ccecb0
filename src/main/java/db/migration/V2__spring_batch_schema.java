package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates Spring Batch's job repository tables from the script shipped inside spring-batch-core,
 * so the schema is versioned by Flyway with ours and never copied into this repository.
 */
public class V2__spring_batch_schema extends BaseJavaMigration {

    @Override
    public void migrate(Context context) {
        var populator = new ResourceDatabasePopulator(
                new ClassPathResource("org/springframework/batch/core/schema-postgresql.sql"));
        populator.execute(new SingleConnectionDataSource(context.getConnection(), true));
    }
}

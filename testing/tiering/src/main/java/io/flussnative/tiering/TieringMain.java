package io.flussnative.tiering;

import org.apache.fluss.flink.tiering.FlussLakeTiering;
import org.apache.fluss.flink.tiering.LakeTieringJobBuilder;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;

import java.time.Duration;

/**
 * Runs Fluss's own lake tiering job in a local Flink MiniCluster and blocks until it ends.
 *
 * <p>Same arguments as Fluss's {@code FlussLakeTieringEntrypoint} (parsed by its
 * {@link FlussLakeTiering} superclass): {@code --fluss.bootstrap.servers H:P --datalake.format
 * paimon --datalake.paimon.metastore filesystem --datalake.paimon.warehouse DIR
 * [--fluss.tiering.poll.table.interval 1s] [--lake.tiering.*]}. The job itself is built by Fluss's
 * {@link LakeTieringJobBuilder}, exactly as the entrypoint does; this class only differs in that
 * it (1) sets the job parallelism (system property {@code tiering.parallelism}, default 1) and a
 * bounded restart strategy, and (2) waits for the job, so the JVM's exit status reflects it.
 */
public final class TieringMain extends FlussLakeTiering {

    private TieringMain(String[] args) {
        super(args);
        int parallelism = Integer.getInteger("tiering.parallelism", 1);
        execEnv.setParallelism(parallelism);
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                Duration.ofSeconds(1));
        execEnv.configure(restart, TieringMain.class.getClassLoader());
    }

    private int runAndWait() throws Exception {
        loadAndApplyDecoratorPlugins();
        JobClient job = LakeTieringJobBuilder.newBuilder(
                        execEnv, flussConfig, lakeConfig, lakeTieringConfig, dataLake)
                .build();
        System.out.printf("Started Fluss lake tiering to %s, job id %s%n", dataLake,
                job.getJobID());
        System.out.flush();
        JobExecutionResult r = job.getJobExecutionResult().get();
        System.out.println("tiering job ended: " + r);
        return 0;
    }

    public static void main(String[] args) throws Exception {
        int rc;
        try {
            rc = new TieringMain(args).runAndWait();
        } catch (Throwable t) {
            t.printStackTrace();
            rc = 1;
        }
        System.exit(rc);
    }
}

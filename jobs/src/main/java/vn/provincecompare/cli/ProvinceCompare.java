package vn.provincecompare.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.provincecompare.config.JobConfig;
import vn.provincecompare.errors.DataException;
import vn.provincecompare.errors.UsageException;
import vn.provincecompare.publish.OutputLock;

/**
 * The command line: {@code ingest}, {@code compare}, {@code run}. Exit codes: 0 ok, 2 usage or configuration
 * error, 3 data error (a file unusable or fatal checks failed), 4 the output directory is locked by another run,
 * 1 anything else.
 */
@Command(name = "province-compare", mixinStandardHelpOptions = true, version = "province-compare 0.1.0",
    description = "Compares Vietnam's provinces on governance indices (PAR INDEX, PAPI, PCI, SIPAS, ICT Index, DTI) "
        + "and their targets, with Apache Spark.",
    subcommands = {ProvinceCompare.Ingest.class, ProvinceCompare.Compare.class, ProvinceCompare.Run.class},
    footer = {"", "Exit codes: 0 ok, 2 usage/config error, 3 data error, 4 --out locked by another run, "
        + "1 other failure.",
        "Results: <out>/CURRENT names the newest complete run; <out>/current links to it."})
public final class ProvinceCompare implements Callable<Integer> {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  public static final int DATA_ERROR = 3;
  public static final int LOCKED = 4;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code; tests call this. */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new ProvinceCompare());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr()));
    cli.setParameterExceptionHandler((e, args2) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("province-compare: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return USAGE;
    });
    return cli.execute(args);
  }

  static int handle(Exception e, PrintWriter err) {
    if (e instanceof UsageException) {
      err.println("province-compare: " + e.getMessage());
      err.flush();
      return USAGE;
    }
    if (e instanceof DataException) {
      err.println("province-compare: data error: " + e.getMessage());
      err.flush();
      return DATA_ERROR;
    }
    if (e instanceof OutputLock.LockedException) {
      err.println("province-compare: " + e.getMessage());
      err.flush();
      return LOCKED;
    }
    err.println("province-compare: failed: " + e);
    e.printStackTrace(err);
    err.flush();
    return FAILURE;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return USAGE;
  }

  @Command(name = "ingest", mixinStandardHelpOptions = true,
      description = "Reads every raw source of the sources manifest, validates it and publishes indicator_values, "
          + "quarantine and dq_results as a new run. Prints the row accounting.")
  static final class Ingest implements Callable<Integer> {
    @Mixin JobOptions options;

    @Override
    public Integer call() {
      JobConfig config = options.config();
      return Pipeline.execute(config, Pipeline.Stages.INGEST, options.quiet, options.breakLock);
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Computes rankings, changes, target gaps, scorecards and peers from the current run's "
          + "indicator_values and publishes them, with the ingest tables, as a new run.")
  static final class Compare implements Callable<Integer> {
    @Mixin JobOptions options;

    @Override
    public Integer call() {
      return Pipeline.execute(options.config(), Pipeline.Stages.COMPARE, options.quiet, options.breakLock);
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "ingest then compare, in one run (on the bundled data by default).")
  static final class Run implements Callable<Integer> {
    @Mixin JobOptions options;

    @Override
    public Integer call() {
      return Pipeline.execute(options.config(), Pipeline.Stages.RUN, options.quiet, options.breakLock);
    }
  }
}

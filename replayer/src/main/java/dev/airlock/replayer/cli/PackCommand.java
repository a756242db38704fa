package dev.airlock.replayer.cli;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalException;
import dev.airlock.format.JournalFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock pack DIR -o FILE}: one self-contained archive to carry a recording to a workstation:
 * the journal folder as it is, every classpath entry as {@code bundle/N-NAME} (checked against the
 * digests the recorder took: a changed jar is refused, not packed), and {@code pack.properties} with
 * the command, JVM arguments and entries. {@code airlock replay FILE} unpacks and replays it; an
 * unpacked archive is a journal folder like any other.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
    description = "Pack a journal and the application's classpath into one archive that replays anywhere.")
final class PackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    private Path dir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The archive to write (zip).")
    private Path output;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path journal = dir.toAbsolutePath().normalize();
        RecordedOutcome recorded;
        try {
            if (!JournalFiles.hasQueueFiles(journal)) {
                throw new JournalException("no journal at " + journal + " (no queue files)");
            }
            recorded = RecordedOutcome.read(journal);
        } catch (JournalException e) {
            return CliErrors.report(e, err);
        }
        ClasspathResolver.Resolution code = ClasspathResolver.resolve(recorded.classpath(), journal);
        if (!code.problems().isEmpty()) {
            err.println(CliErrors.PREFIX + "cannot pack code that differs from the recording: " + code.problems().get(0));
            AuditCommand.record(spec, journal, "pack", "refused: " + code.problems().get(0), ExitCodes.CLASSPATH_CHANGED);
            return ExitCodes.CLASSPATH_CHANGED;
        }
        Path target = output.toAbsolutePath().normalize();
        if (target.startsWith(journal)) {
            err.println(CliErrors.PREFIX + "the archive cannot go inside the journal folder it packs");
            return ExitCodes.USAGE;
        }
        long[] files = new long[1];
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
            addTree(zip, journal, "", files);
            List<Path> paths = code.paths();
            Properties manifest = new Properties();
            Fields header = recorded.header();
            manifest.setProperty("format", "1");
            manifest.setProperty("command", String.valueOf(header.get(HeaderKeys.COMMAND)));
            manifest.setProperty("recording.id", String.valueOf(header.get(HeaderKeys.RECORDING_ID)));
            manifest.setProperty("java.version", String.valueOf(header.get(HeaderKeys.JAVA_VERSION)));
            manifest.setProperty("jvm.args", String.join(" ", header.list(HeaderKeys.JVM_ARG)));
            for (int i = 0; i < paths.size(); i++) {
                Path original = Path.of(recorded.classpath().get(HeaderKeys.CLASSPATH_ENTRY + i + ".path"));
                String name = ClasspathResolver.bundledName(i, original);
                manifest.setProperty("classpath." + i + ".path", original.toString());
                manifest.setProperty("classpath." + i + ".bundled", name);
                manifest.setProperty("classpath." + i + ".sha256",
                    String.valueOf(recorded.classpath().get(HeaderKeys.CLASSPATH_ENTRY + i + ".sha256")));
                if (!paths.get(i).startsWith(journal)) {
                    if (Files.isDirectory(paths.get(i))) {
                        addTree(zip, paths.get(i), name + "/", files);
                    } else {
                        addFile(zip, paths.get(i), name, files);
                    }
                }
            }
            zip.putNextEntry(new ZipEntry("pack.properties"));
            manifest.store(zip, "airlock pack");
            zip.closeEntry();
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String outcome = "packed " + files[0] + " files and " + code.paths().size() + " classpath entries into " + target;
        out.println(outcome + " (" + Files.size(target) / 1024 + " KiB); replay it with: airlock replay " + target);
        out.flush();
        AuditCommand.record(spec, journal, "pack", outcome, ExitCodes.OK);
        return ExitCodes.OK;
    }

    private static void addTree(ZipOutputStream zip, Path root, String prefix, long[] files) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : all) {
            addFile(zip, f, prefix + root.relativize(f).toString().replace('\\', '/'), files);
        }
    }

    private static void addFile(ZipOutputStream zip, Path file, String name, long[] files) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
        files[0]++;
    }
}

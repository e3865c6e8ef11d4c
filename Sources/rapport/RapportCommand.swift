import ArgumentParser

@main
struct RapportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "Every relationship your company has, in one place.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, ImportCommand.self, ExportCommand.self,
            TokenCommand.self, UserCommand.self, AuditCommand.self, KeyCommand.self, BenchCommand.self, JobsCommand.self,
            BackupCommand.self, RestoreCommand.self, CopyCommand.self, MailCommand.self,
        ],
        defaultSubcommand: ServeCommand.self)
}

import ArgumentParser
import RapportStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Check the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Walk the audit log's hash chain and report the first broken link.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let database = try await db.open()
            let report = try await AuditChain.verify(database)
            await database.close()
            var summary = "\(report.checked) entries checked"
            if report.redacted > 0 { summary += ", \(report.redacted) emptied by erasures" }
            if report.unsealed > 0 { summary += ", \(report.unsealed) older entries written before the chain existed" }
            if let broken = report.firstBroken {
                throw CommandFailure("The audit log is broken at entry \(broken.seq) (\(broken.id)): \(broken.reason). \(summary).")
            }
            switch report.head {
            case .signed(let checkpoint?):
                summary += "; its head is signed and not behind this host's checkpoint (position \(checkpoint))"
            case .signed(nil):
                summary += "; its head is signed (no checkpoint was kept here before, one is now)"
            case .unchecked:
                summary += "; its head is NOT signed: no key was given (RAPPORT_SECRET_KEY_FILE), so entries removed from the end together with a head moved back to match cannot be detected"
            }
            print("The audit log is intact: \(summary).")
        }
    }
}

import ArgumentParser
import Foundation
import RapportKit
import RapportMail
import RapportStore

extension BenchCommand {
    /// Mail into tickets (issue 16's 200 mails a second): generated messages in the shapes
    /// Korean and Japanese desks receive (ISO-2022-JP and base64 UTF-8 bodies, encoded-word
    /// names and subjects), a third of them replies that thread by `In-Reply-To`, from a pool
    /// of senders so most are known people, taken through ``TicketMailIntake`` as the MTA's
    /// pipe would hand them over, by several deliveries at once.
    struct Mail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ingest generated mail into tickets and print mails per second.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Messages to ingest.") var count = 5_000
        @Option(help: "Deliveries at once (an MTA runs several pipes).") var concurrency = 4
        @Option(help: "Distinct senders.") var senders = 1_000
        @Option(help: "Seed.") var seed: UInt64 = 15

        func run() async throws {
            guard (1...1_000_000).contains(count), (1...64).contains(concurrency), (1...1_000_000).contains(senders) else {
                throw ValidationError("count 1…1,000,000, concurrency 1…64, senders 1…1,000,000.")
            }
            let database = try await db.open()
            try await Tickets.ensurePolicy(database)
            let intake = TicketMailIntake(store: try await db.checkedStore(database))
            var rng = SeededGenerator(seed: seed)
            let run = UInt64.random(in: 0...UInt64.max, using: &rng) ^ UInt64(Date().timeIntervalSince1970 * 1000)
            var messages: [[UInt8]] = []
            messages.reserveCapacity(count)
            for i in 0..<count {
                let sender = Int.random(in: 0..<senders, using: &rng)
                // A reply answers a message at least one batch back, so it has landed.
                let parent = i >= 3 * concurrency && i % 3 == 2 ? i - Int.random(in: concurrency..<min(i, 200), using: &rng) : nil
                messages.append(Self.message(i, run: run, sender: sender, replyTo: parent))
            }
            let generated = messages
            var millis = [Double](repeating: 0, count: count)
            var outcomes: [String: Int] = [:]
            let start = DispatchTime.now().uptimeNanoseconds
            for batch in stride(from: 0, to: count, by: concurrency) {
                let results = try await withThrowingTaskGroup(of: (Int, String, Double).self) { group in
                    for i in batch..<min(batch + concurrency, count) {
                        group.addTask {
                            let t = DispatchTime.now().uptimeNanoseconds
                            let outcome = try await intake.receive(generated[i])
                            let kind = switch outcome {
                            case .opened: "opened"
                            case .threaded: "threaded"
                            case .duplicate: "duplicate"
                            case .ignored: "ignored"
                            case .refused: "refused"
                            case .held: "held"
                            }
                            return (i, kind, Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
                        }
                    }
                    var out: [(Int, String, Double)] = []
                    for try await r in group { out.append(r) }
                    return out
                }
                for (i, kind, ms) in results {
                    millis[i] = ms
                    outcomes[kind, default: 0] += 1
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            millis.sort()
            func at(_ q: Double) -> Double { millis[min(millis.count - 1, Int((Double(millis.count) * q).rounded(.up)) - 1)] }
            note(String(format: "%d messages in %.1f s: %.0f mails/s with %d at once; per message median %.1f ms, p99 %.1f ms", count, seconds, Double(count) / seconds, concurrency, at(0.5), at(0.99)))
            note(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            await database.close()
        }

        /// Japanese senders write ISO-2022-JP; Korean ones UTF-8 in base64, as Outlook and
        /// Gmail send it today.
        static func message(_ i: Int, run: UInt64, sender: Int, replyTo parent: Int?) -> [UInt8] {
            let id = "bench-\(run)-\(i)@mail.example"
            var headers = ["Date: Wed, 2 Dec 2026 09:00:00 +0900", "Message-ID: <\(id)>", "MIME-Version: 1.0"]
            if let parent { headers.append("In-Reply-To: <bench-\(run)-\(parent)@mail.example>") }
            if sender % 2 == 0 {
                headers += [
                    "From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= \(sender) <customer\(sender)@example.jp>", "To: support-jp@rapport.example",
                    "Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= \(i)", "Content-Type: text/plain; charset=ISO-2022-JP", "Content-Transfer-Encoding: 7bit",
                ]
                return Array((headers.joined(separator: "\r\n") + "\r\n\r\n\u{1B}$B@A5a=q$,FO$-$^$;$s!#\u{1B}(B\r\nOrder \(i)\r\n").utf8)
            }
            let body = Base64.encode(Array("주문 \(i)번의 배송 조회가 안 됩니다.\n확인 부탁드립니다.\n".utf8))
            headers += [
                "From: =?UTF-8?B?6rmA67O06rK9?= \(sender) <customer\(sender)@example.kr>", "To: support-ko@rapport.example",
                "Subject: =?UTF-8?B?67Cw7IahIOyhsO2ajA==?= \(i)", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64",
            ]
            return Array((headers.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body + Array("\r\n".utf8)
        }
    }
}

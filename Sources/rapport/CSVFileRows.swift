import Foundation
import RapportKit

/// Rows of a CSV file read in 1 MiB chunks, so a million-row file never sits in memory
/// whole; reports bytes read for the progress bar.
struct CSVFileRows: AsyncSequence, Sendable {
    typealias Element = CSVRow
    let path: String
    let onBytes: @Sendable (Int) -> Void

    struct Iterator: AsyncIteratorProtocol {
        let handle: FileHandle
        var parser = CSVParser()
        var buffered: [CSVRow] = []
        var index = 0
        var finished = false
        let onBytes: @Sendable (Int) -> Void
        var total = 0

        mutating func next() async throws -> CSVRow? {
            while index >= buffered.count {
                if finished { return nil }
                buffered.removeAll(keepingCapacity: true)
                index = 0
                let chunk = handle.readData(ofLength: 1 << 20)
                if chunk.isEmpty {
                    finished = true
                    buffered = try parser.finish()
                } else {
                    total += chunk.count
                    onBytes(total)
                    buffered = try parser.feed(chunk)
                }
            }
            defer { index += 1 }
            return buffered[index]
        }
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(handle: FileHandle(forReadingAtPath: path)!, onBytes: onBytes)
    }
}

import Logging
import RapportKit

/// Draft and sent quotes past their validity date become expired, hourly. Each quote's
/// change is its own audited update guarded by its status, so a second run (after an
/// instance stopped mid-sweep) only finishes what the first left.
public struct QuoteExpiryJob: SweepJob {
    public static let kind = "sales.expire_quotes"
    public static let changed: Logger.Message = "Expired quotes past their validity date"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func sweep(_ job: JobContext) async throws -> Int { try await store.expireQuotes(today: job.today) }
}

/// Active contracts that do not renew and whose end date has passed are ended, daily;
/// ending one closes its renewal reminder task through the contract's write rules.
public struct ContractEndJob: SweepJob {
    public static let kind = "sales.end_contracts"
    public static let changed: Logger.Message = "Ended contracts past their end date"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func sweep(_ job: JobContext) async throws -> Int { try await store.endLapsedContracts(today: job.today) }
}

extension JobRegistry {
    /// The sales area's background work and when it runs.
    public mutating func registerSales(store: RecordStore) {
        register(QuoteExpiryJob(store: store), schedule: "0 * * * *")
        register(ContractEndJob(store: store), schedule: "15 0 * * *")
    }
}

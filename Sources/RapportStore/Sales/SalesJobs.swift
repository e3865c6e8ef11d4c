import RapportKit

/// Draft and sent quotes past their validity date become expired, hourly. Each quote's
/// change is its own audited update guarded by its status, so a second run (after an
/// instance stopped mid-sweep) only finishes what the first left.
public struct QuoteExpiryJob: JobHandler {
    public static let kind = "sales.expire_quotes"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func run(_ job: JobContext) async throws {
        let expired = try await store.expireQuotes(today: job.today)
        if expired > 0 { job.logger.info("Expired quotes past their validity date", metadata: ["count": "\(expired)"]) }
    }
}

/// Active contracts that do not renew and whose end date has passed are ended, daily;
/// ending one closes its renewal reminder task through the contract's write rules.
public struct ContractEndJob: JobHandler {
    public static let kind = "sales.end_contracts"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func run(_ job: JobContext) async throws {
        let ended = try await store.endLapsedContracts(today: job.today)
        if ended > 0 { job.logger.info("Ended contracts past their end date", metadata: ["count": "\(ended)"]) }
    }
}

extension JobRegistry {
    /// The sales area's background work and when it runs.
    public mutating func registerSales(store: RecordStore) {
        register(QuoteExpiryJob(store: store), schedule: "0 * * * *")
        register(ContractEndJob(store: store), schedule: "15 0 * * *")
    }
}

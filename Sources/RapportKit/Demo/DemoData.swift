/// Realistic, reproducible demo records in Korean, Japanese and English: the same seed
/// always gives the same data, so screenshots, benchmarks and bug reports agree.
public struct DemoData: Sendable {
    typealias Rng = SeededGenerator

    static let koreanFamily = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"]
    static let koreanGiven = ["보경", "민준", "서연", "지훈", "하은", "도윤", "수빈", "예준", "지민", "현우", "은지", "성민", "유진", "태현", "다은", "준호", "소연", "승우", "채원", "정우"]
    static let koreanRoman = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Ryu", "Hong"]
    static let japaneseFamily: [(String, String, String)] = [
        ("山田", "やまだ", "yamada"), ("佐藤", "さとう", "sato"), ("鈴木", "すずき", "suzuki"), ("高橋", "たかはし", "takahashi"),
        ("田中", "たなか", "tanaka"), ("伊藤", "いとう", "ito"), ("渡辺", "わたなべ", "watanabe"), ("中村", "なかむら", "nakamura"),
        ("小林", "こばやし", "kobayashi"), ("加藤", "かとう", "kato"), ("吉田", "よしだ", "yoshida"), ("松本", "まつもと", "matsumoto"),
    ]
    static let japaneseGiven: [(String, String, String)] = [
        ("太郎", "たろう", "taro"), ("花子", "はなこ", "hanako"), ("健太", "けんた", "kenta"), ("陽菜", "ひな", "hina"),
        ("翔", "しょう", "sho"), ("美咲", "みさき", "misaki"), ("大輔", "だいすけ", "daisuke"), ("結衣", "ゆい", "yui"),
        ("直樹", "なおき", "naoki"), ("さくら", "さくら", "sakura"), ("拓海", "たくみ", "takumi"), ("愛", "あい", "ai"),
    ]
    static let englishGiven = ["Ada", "Grace", "Alan", "Linus", "Margaret", "Tim", "Barbara", "Dennis", "Frances", "Ken", "Radia", "Edsger", "Hedy", "John", "Katherine", "Claude"]
    static let englishFamily = ["Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Berners-Lee", "Liskov", "Ritchie", "Allen", "Thompson", "Perlman", "Dijkstra", "Lamarr", "Backus", "Johnson", "Shannon"]
    static let companies: [(String, String, String, String, String)] = [
        // name, domain, country, city, industry
        ("한빛소프트웨어", "hanbit-soft.kr", "KR", "서울", "Software"), ("서울물산", "seoul-trading.kr", "KR", "서울", "Wholesale"),
        ("부산해운", "busan-shipping.kr", "KR", "부산", "Logistics"), ("대한정밀", "daehan-precision.kr", "KR", "창원", "Manufacturing"),
        ("미래바이오", "mirae-bio.kr", "KR", "대전", "Biotech"), ("株式会社山田製作所", "yamada-ss.jp", "JP", "大阪", "Manufacturing"),
        ("東京商事株式会社", "tokyo-shoji.jp", "JP", "東京", "Trading"), ("さくらネットワークス", "sakura-net.jp", "JP", "札幌", "Telecom"),
        ("富士ロジスティクス", "fuji-logi.jp", "JP", "名古屋", "Logistics"), ("京都デザイン研究所", "kyoto-design.jp", "JP", "京都", "Design"),
        ("Northwind Traders", "northwind.example", "US", "Seattle", "Retail"), ("Acme Analytics", "acme-analytics.example", "US", "Austin", "Software"),
        ("Globex Supply", "globex-supply.example", "GB", "London", "Wholesale"), ("Initech Systems", "initech.example", "US", "Boston", "Software"),
        ("Umbrella Health", "umbrella-health.example", "DE", "Berlin", "Healthcare"), ("Blue Harbor Partners", "blueharbor.example", "SG", "Singapore", "Consulting"),
    ]
    static let titles = ["CEO", "CTO", "Head of Sales", "Procurement Manager", "Marketing Director", "Account Manager", "Engineer", "Operations Lead", "영업팀장", "구매담당", "営業部長", "購買担当"]
    static let subjects = ["Intro call", "Quarterly review", "Pricing question", "Demo follow-up", "Contract renewal", "Onboarding check-in", "견적 문의", "분기 미팅", "契約更新の相談", "製品デモ"]

    public var organizations: [JSONObject] = []
    public var people: [JSONObject] = []
    /// Activities reference people by index into ``people`` (ids are assigned on insert).
    public var activities: [(JSONObject, personIndex: Int)] = []

    /// Organizations get one tenth of the people, at least the sixteen named companies.
    public init(people count: Int, seed: UInt64 = 2026) {
        var rng = Rng(seed: seed)
        let orgCount = max(Self.companies.count, count / 10)
        for i in 0..<orgCount {
            let base = Self.companies[i % Self.companies.count]
            let suffix = i < Self.companies.count ? "" : " \(i / Self.companies.count + 1)"
            let domain = i < Self.companies.count ? base.1 : base.1.replacingOccurrences(of: ".", with: "-\(i / Self.companies.count + 1).")
            let currency = base.2 == "KR" ? "KRW" : base.2 == "JP" ? "JPY" : base.2 == "GB" ? "GBP" : base.2 == "DE" ? "EUR" : base.2 == "SG" ? "SGD" : "USD"
            let revenue = currency == "KRW" ? "\(rng.int(900) + 100)000000000" : currency == "JPY" ? "\(rng.int(900) + 100)00000000" : "\(rng.int(900) + 100)00000.00"
            organizations.append(JSONObject([
                ("name", .string(base.0 + suffix)), ("domain", .string(domain)), ("website", .string("https://www." + domain)),
                ("industry", .string(base.4)), ("size_band", .string(rng.pick(Organizations.sizeBands))), ("country", .string(base.2)),
                ("city", .string(base.3)),
                ("relationship_roles", .array([.string(rng.pick(["customer", "prospect", "partner", "supplier", "customer"]))])),
                ("lifecycle_stage", .string(rng.pick(LifecycleStage.all))),
                ("annual_revenue", .object(JSONObject([("amount", .string(revenue)), ("currency", .string(currency))]))),
                ("tags", .array(rng.int(3) == 0 ? [.string("vip")] : [])),
            ]))
        }
        for i in 0..<count {
            var p = JSONObject()
            let script = i % 3
            let orgIndex = rng.int(orgCount)
            let orgDomain = organizations[orgIndex]["domain"]?.stringValue ?? "example.com"
            switch script {
            case 0:
                let f = rng.int(Self.koreanFamily.count)
                p["family_name"] = .string(Self.koreanFamily[f])
                p["given_name"] = .string(rng.pick(Self.koreanGiven))
                p["emails"] = .array([.string("\(Self.koreanRoman[f].lowercased()).\(i)@\(orgDomain)")])
                p["phones"] = .array([.object(JSONObject([("number", .string("+82 10-\(1000 + rng.int(9000))-\(1000 + rng.int(9000))")), ("kind", .string("mobile"))]))])
                p["language"] = .string("ko")
                p["time_zone"] = .string("Asia/Seoul")
            case 1:
                let f = rng.pick(Self.japaneseFamily), g = rng.pick(Self.japaneseGiven)
                p["family_name"] = .string(f.0)
                p["given_name"] = .string(g.0)
                p["name_reading"] = .string(f.1 + " " + g.1)
                p["emails"] = .array([.string("\(g.2).\(f.2).\(i)@\(orgDomain)")])
                p["phones"] = .array([.object(JSONObject([("number", .string("+81 90-\(1000 + rng.int(9000))-\(1000 + rng.int(9000))")), ("kind", .string("mobile"))]))])
                p["language"] = .string("ja")
                p["time_zone"] = .string("Asia/Tokyo")
            default:
                let g = rng.pick(Self.englishGiven), f = rng.pick(Self.englishFamily)
                p["family_name"] = .string(f)
                p["given_name"] = .string(g)
                p["emails"] = .array([.string("\(g.lowercased()).\(f.lowercased().replacingOccurrences(of: "-", with: "")).\(i)@\(orgDomain)")])
                p["phones"] = .array([.object(JSONObject([("number", .string("+1 206-555-\(1000 + rng.int(9000))")), ("kind", .string("work"))]))])
                p["language"] = .string("en")
                p["time_zone"] = .string(rng.pick(["America/New_York", "America/Los_Angeles", "Europe/London"]))
            }
            p["job_title"] = .string(rng.pick(Self.titles))
            p["organization_id"] = .number(String(orgIndex))  // index; replaced by the id on insert
            p["lifecycle_stage"] = .string(rng.pick(LifecycleStage.all))
            p["source"] = .string(rng.pick(["website", "referral", "event", "import", "partner"]))
            if rng.int(5) == 0 { p["tags"] = .array([.string(rng.pick(["vip", "newsletter", "renewal-2027", "중요", "重要"]))]) }
            people.append(p)
        }
        let activityCount = min(count, 100_000)
        for _ in 0..<activityCount {
            let person = rng.int(max(count, 1))
            let kind = rng.pick(Activities.logged)
            let day = 1 + rng.int(28), month = 1 + rng.int(11)
            var a = JSONObject([
                ("kind", .string(kind)), ("subject", .string(rng.pick(Self.subjects))),
                ("body", .string("Notes from the \(kind). 다음 단계 정리 / 次のステップを確認。")),
            ])
            let when = "2026-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T0\(rng.int(9)):30:00Z"
            if kind == "task" {
                a["due_at"] = .string(when)
            } else {
                a["occurred_at"] = .string(when)
            }
            activities.append((a, person))
        }
    }
}

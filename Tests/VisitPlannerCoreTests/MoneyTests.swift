import XCTest

@testable import VisitPlannerCore

final class MoneyTests: XCTestCase {
    // MARK: - Parsing

    func testParsesSpreadsheetForms() {
        XCTAssertEqual(Money(parsing: "1234")?.cents, 123_400)
        XCTAssertEqual(Money(parsing: "1234.5")?.cents, 123_450)
        XCTAssertEqual(Money(parsing: "1234.56")?.cents, 123_456)
        XCTAssertEqual(Money(parsing: "1,234.56")?.cents, 123_456)
        XCTAssertEqual(Money(parsing: "$1,234.56")?.cents, 123_456)
        XCTAssertEqual(Money(parsing: "1,234,567")?.cents, 123_456_700)
        XCTAssertEqual(Money(parsing: "0.07")?.cents, 7)
        XCTAssertEqual(Money(parsing: "0")?.cents, 0)
        XCTAssertEqual(Money(parsing: " 50.00 ")?.cents, 5_000)
    }

    func testRejectsAmbiguousOrInvalidAmounts() {
        for text in [
            "1.234", "12,34", "1,2345", ",123", "-5", "$-5", "1e3", "", " ", "$", "abc", "1.", ".5",
            "1.2.3", "12 34", "1,234.567", "(5)", "+5", "10000000000000",
        ] {
            XCTAssertNil(Money(parsing: text), "accepted \(String(reflecting: text))")
        }
    }

    func testLargestAcceptedAmount() {
        XCTAssertEqual(Money(parsing: "9,999,999,999,999.99")?.cents, 999_999_999_999_999)
    }

    // MARK: - Formatting

    func testFormatting() {
        XCTAssertEqual(Money(cents: 12_656_000).description, "$126,560.00")
        XCTAssertEqual(Money(cents: -501).description, "-$5.01")
        XCTAssertEqual(Money(cents: 7).description, "$0.07")
        XCTAssertEqual(Money(cents: 0).description, "$0.00")
        XCTAssertEqual(Money(cents: 100_000).description, "$1,000.00")
        XCTAssertEqual(Money(cents: 99_999).description, "$999.99")
        XCTAssertEqual(Money(cents: 123_456_789).description, "$1,234,567.89")
        XCTAssertEqual(Money(cents: 123_456).plain, "1234.56")
        XCTAssertEqual(Money(cents: -10).plain, "-0.10")
        XCTAssertEqual(Money(cents: 123_456).formatted(symbol: false), "1,234.56")
        XCTAssertEqual(Money(cents: 123_456).formatted(grouping: false), "$1234.56")
    }

    func testFormattedAmountsParseBack() {
        for cents: Int64 in [0, 1, 7, 10, 99, 100, 12_345, 99_999_999, 12_656_000] {
            XCTAssertEqual(Money(parsing: Money(cents: cents).description)?.cents, cents)
            XCTAssertEqual(Money(parsing: Money(cents: cents).plain)?.cents, cents)
        }
    }

    func testArithmetic() {
        XCTAssertEqual(Money(dollars: 150) * 3, Money(cents: 45_000))
        XCTAssertEqual(Money(cents: 15_050) + Money(cents: 50), Money(dollars: 151))
        XCTAssertEqual(Money(dollars: 5) - Money(cents: 1_001), Money(cents: -501))
        var m = Money.zero
        m += Money(cents: 3)
        XCTAssertEqual(m.cents, 3)
        XCTAssertLessThan(Money(cents: 99), Money(dollars: 1))
    }

    // MARK: - Rate

    func testRateParsing() {
        XCTAssertEqual(Rate(parsing: "13%")?.millionths, 130_000)
        XCTAssertEqual(Rate(parsing: "0.13")?.millionths, 130_000)
        XCTAssertEqual(Rate(parsing: "12.5%")?.millionths, 125_000)
        XCTAssertEqual(Rate(parsing: "13 %")?.millionths, 130_000)
        XCTAssertEqual(Rate(parsing: "100%")?.millionths, 1_000_000)
        XCTAssertEqual(Rate(parsing: "1")?.millionths, 1_000_000)
        XCTAssertEqual(Rate(parsing: "0%")?.millionths, 0)
        XCTAssertEqual(Rate(parsing: "0.0001%")?.millionths, 1)
        XCTAssertEqual(Rate(parsing: "0.1250000")?.millionths, 125_000)
    }

    func testRateRejects() {
        for text in ["", "%", "abc", "-13%", "13%%", "13.%", ".13", "1e-1", "0.00001%", "0.0000001", "13,5%"] {
            XCTAssertNil(Rate(parsing: text), "accepted \(String(reflecting: text))")
        }
    }

    func testRateDescription() {
        XCTAssertEqual(Rate(millionths: 130_000).description, "13%")
        XCTAssertEqual(Rate(millionths: 125_000).description, "12.5%")
        XCTAssertEqual(Rate(millionths: 123_456).description, "12.3456%")
        XCTAssertEqual(Rate(millionths: 0).description, "0%")
        XCTAssertEqual(Rate(millionths: 1_000_000).description, "100%")
    }

    func testRateAppliesHalfUpToTheCent() {
        let psc = Rate(millionths: 130_000)
        XCTAssertEqual(psc.apply(to: Money(cents: 100)), Money(cents: 13))
        // 0.13 × $0.50 = 6.5 cents → 7; 0.13 × $0.49 = 6.37 cents → 6.
        XCTAssertEqual(psc.apply(to: Money(cents: 50)), Money(cents: 7))
        XCTAssertEqual(psc.apply(to: Money(cents: 49)), Money(cents: 6))
        // 0.125 × 4 cents = 0.5 → 1; 0.125 × 3 cents = 0.375 → 0.
        XCTAssertEqual(Rate(millionths: 125_000).apply(to: Money(cents: 4)), Money(cents: 1))
        XCTAssertEqual(Rate(millionths: 125_000).apply(to: Money(cents: 3)), Money(cents: 0))
        XCTAssertEqual(psc.apply(to: Money(dollars: 112_000)), Money(dollars: 14_560))
    }

    // MARK: - Budget split

    func testDefaultEnvelopeSplitsExactly() {
        let split = BudgetSplit(envelope: Money(dollars: 126_560), pscRate: Rate(millionths: 130_000))
        XCTAssertEqual(split.travelCap.description, "$112,000.00")
        XCTAssertEqual(split.psc(on: split.travelCap).description, "$14,560.00")
        XCTAssertEqual(split.travelCap + split.psc(on: split.travelCap), split.envelope)
    }

    func testSplitWhereRoundingMatters() {
        // 100,000 / 1.13 = 88,495.575…; the cap is floored to 88,495.57 and its PSC
        // 0.13 × 88,495.57 = 11,504.4241 rounds to 11,504.42; total 99,999.99 ≤ 100,000.
        // One cent more (88,495.58) would cost PSC 11,504.43 (0.13 × 88,495.58 = 11,504.4254)
        // and a total of 100,000.01, over the envelope.
        let split = BudgetSplit(envelope: Money(dollars: 100_000), pscRate: Rate(millionths: 130_000))
        XCTAssertEqual(split.travelCap, Money(cents: 8_849_557))
        XCTAssertEqual(split.psc(on: split.travelCap), Money(cents: 1_150_442))
        XCTAssertEqual(split.travelCap + split.psc(on: split.travelCap), Money(cents: 9_999_999))
        let oneMore = split.travelCap + Money(cents: 1)
        XCTAssertEqual(split.psc(on: oneMore), Money(cents: 1_150_443))
        XCTAssertGreaterThan(oneMore + split.psc(on: oneMore), split.envelope)
    }

    func testSplitStepsUpWhenPSCRoundsDown() {
        // ⌊10,000 / 1.13⌋ = 8,849.55 (PSC 1,150.44, total 9,999.99), yet 8,849.56 also fits:
        // its PSC 0.13 × 8,849.56 = 1,150.4428 rounds down to 1,150.44, total exactly 10,000.00.
        // 8,849.57 would cost PSC 1,150.44 (…4441) and total 10,000.01.
        let split = BudgetSplit(envelope: Money(dollars: 10_000), pscRate: Rate(millionths: 130_000))
        XCTAssertEqual(split.travelCap, Money(cents: 884_956))
        XCTAssertEqual(split.psc(on: split.travelCap), Money(cents: 115_044))
        XCTAssertEqual(split.travelCap + split.psc(on: split.travelCap), split.envelope)
        // 126,560 at 12.5%: ⌊126,560 / 1.125⌋ = 112,497.77; 112,497.78 has PSC 14,062.2225 → 14,062.22,
        // total exactly 126,560.00.
        let other = BudgetSplit(envelope: Money(dollars: 126_560), pscRate: Rate(millionths: 125_000))
        XCTAssertEqual(other.travelCap, Money(cents: 11_249_778))
        XCTAssertEqual(other.psc(on: other.travelCap), Money(cents: 1_406_222))
    }

    func testSplitStepsDownWhenPSCRoundingOverflows() {
        // Envelope $1.13 at 13%: 113 / 1.13 = 100 cents exactly, PSC 13 cents: fits.
        XCTAssertEqual(BudgetSplit(envelope: Money(cents: 113), pscRate: Rate(millionths: 130_000)).travelCap, Money(cents: 100))
        // Envelope 10 cents at 50%: 10 / 1.5 = 6.67 → 6 cents, PSC 3 → 9 ≤ 10. 7 cents would cost
        // 7 + 3.5 → 4 = 11.
        XCTAssertEqual(BudgetSplit(envelope: Money(cents: 10), pscRate: Rate(millionths: 500_000)).travelCap, Money(cents: 6))
        // Envelope 9 cents at 50%: 9 / 1.5 = 6 exactly, but PSC 3 → 9 fits.
        XCTAssertEqual(BudgetSplit(envelope: Money(cents: 9), pscRate: Rate(millionths: 500_000)).travelCap, Money(cents: 6))
        // Envelope 2 cents at 50%: 2 / 1.5 = 1.33 → 1 cent, PSC 0.5 → 1 cent, total 2: fits.
        XCTAssertEqual(BudgetSplit(envelope: Money(cents: 2), pscRate: Rate(millionths: 500_000)).travelCap, Money(cents: 1))
        // 0 % takes nothing.
        XCTAssertEqual(BudgetSplit(envelope: Money(cents: 12_345), pscRate: Rate(millionths: 0)).travelCap, Money(cents: 12_345))
    }

    func testSplitNeverExceedsTheEnvelope() {
        for envelopeCents: Int64 in [1, 2, 3, 99, 101, 1_000, 1_001, 12_656_000, 10_000_000, 12_345_678] {
            for rate: Int64 in [0, 10_000, 125_000, 130_000, 145_500, 1_000_000] {
                let split = BudgetSplit(envelope: Money(cents: envelopeCents), pscRate: Rate(millionths: rate))
                let total = split.travelCap + split.psc(on: split.travelCap)
                XCTAssertLessThanOrEqual(total, split.envelope, "envelope \(envelopeCents) rate \(rate)")
                let next = split.travelCap + Money(cents: 1)
                XCTAssertGreaterThan(
                    next + split.psc(on: next), split.envelope, "envelope \(envelopeCents) rate \(rate): cap not the largest")
            }
        }
    }

    func testSplitOfTheLargestEnvelopeDoesNotOverflow() {
        let envelope = Money(parsing: "9,999,999,999,999.99")!
        let split = BudgetSplit(envelope: envelope, pscRate: Rate(millionths: 130_000))
        // 999,999,999,999,999 / 1.13 = 884,955,752,212,388.49… cents; its PSC is
        // 115,044,247,787,610.44 → …610 cents. The products overflow 64 bits unless computed wide.
        XCTAssertEqual(split.travelCap, Money(cents: 884_955_752_212_388))
        XCTAssertEqual(split.psc(on: split.travelCap), Money(cents: 115_044_247_787_610))
        XCTAssertLessThanOrEqual(split.travelCap + split.psc(on: split.travelCap), envelope)
    }
}

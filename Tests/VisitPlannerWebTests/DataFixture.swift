import Foundation
import VisitPlannerCore

/// A tiny data folder, small enough to check by hand: three operations, two managers.
enum DataFixture {
    static let files: [String: String] = [
        "policy.yaml": """
        # Tiny data set for the web tests.
        horizon:
          start: 2027-01-01        # first day
          end: 2027-12-31
        currency: USD
        budget:
          envelope: 10000.00       # total money
          psc_rate: 13%
        trips:
          max_stops: 3
        coverage: maximize
        solver:
          time_limit_seconds: 5

        """,
        "operations.csv": """
        code,name,type,hq_city,country,airport,region,latitude,longitude,police_strength,priority,min_nights,max_nights,max_visits,active_from,active_to,mandate_renewal,travel,access_fare,notes
        OPA,Operation Alpha,PKO,Alpha City,Alphaland,AAA,Region One,10.5,20.25,100,10,3,5,1,,,March,in-person,,
        OPB,Operation Bravo,SPM,Bravo City,Bravoland,BBB,Region Two,-5,30,20,6,2,4,1,2027-02-01,2027-10-31,,in-person,,
        OPC,Operation Charlie,PKO,Charlie Town,Bravoland,BBB,Region Two,-6.5,31,5,4,2,3,2,,,November,in-person,150,"Shares BBB with OPB, UN flight onwards"

        """,
        "managers.csv": """
        id,name,portfolio,backup,home_airport,max_travel_days,min_rest_days
        MGR-1,Desk Officer One,OPA; OPB,OPC,HOM,30,5
        MGR-2,Desk Officer Two,OPC,OPA ; OPB,HOM,20,7

        """,
        "windows.csv": """
        operation,kind,start,end,reason
        OPA,blackout,2027-07-01,2027-08-31,Rainy season
        OPB,preferred,2027-09-01,2027-10-31,Before the mandate renewal

        """,
        "unavailability.csv": """
        manager,start,end,reason
        ALL,2027-01-01,2027-01-03,New Year
        MGR-1,2027-04-05,2027-04-16,Annual leave

        """,
        "fares.csv": """
        from,to,economy,business,hours,connections
        HOM,AAA,1000,"$3,000.00",9,0
        HOM,BBB,800,2500,11,1
        AAA,BBB,300,900,10.9,1

        """,
        "dsa.csv": """
        operation,rate,source
        OPA,100,indicative
        OPB,150.50,indicative
        OPC,120,

        """,
    ]

    /// Writes the files into `folder` (created), with any file replaced by `overrides`.
    static func write(to folder: URL, overrides: [String: String] = [:]) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files.merging(overrides, uniquingKeysWith: { $1 }) {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
    }
}

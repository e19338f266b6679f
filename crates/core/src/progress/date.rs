//! A calendar date for `as_of` (`YYYY-MM-DD` or `YYYY-MM`): parsing, the end of a year or month as defaults, and
//! day counts for drawing a straight path between two dates.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// A day of the proleptic Gregorian calendar. Ordered chronologically (year, then month, then day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The year, e.g. `2020`.
    pub year: i32,
    /// The month, `1..=12`.
    pub month: u32,
    /// The day of the month, `1..=31`.
    pub day: u32,
}

/// Why a string is not an `as_of` date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateError(String);

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseDateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date, or `None` when the month or day does not exist (`2021-02-29`).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// 31 December of `year`: the deadline of a target, and the date of an actual that gives no `as_of`.
    pub fn end_of_year(year: i32) -> Date {
        Date { year, month: 12, day: 31 }
    }

    /// 1 January of `year`: where a target's years begin (its document's year).
    pub fn start_of_year(year: i32) -> Date {
        Date { year, month: 1, day: 1 }
    }

    /// The last day of a month, or `None` for a month outside `1..=12`.
    pub fn end_of_month(year: i32, month: u32) -> Option<Date> {
        (1..=12).contains(&month).then(|| Date { year, month, day: days_in_month(year, month) })
    }

    /// Parses `YYYY-MM-DD`, or `YYYY-MM` meaning the last day of that month.
    pub fn parse(s: &str) -> Result<Date, ParseDateError> {
        let err = || ParseDateError(format!("`{s}` is not a date; write YYYY-MM-DD or YYYY-MM"));
        let parts: Vec<&str> = s.split('-').collect();
        let widths_ok = match parts.as_slice() {
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        };
        if !widths_ok || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(err());
        }
        let num = |p: &str| p.parse::<u32>().map_err(|_| err());
        let year = num(parts[0])? as i32;
        let month = num(parts[1])?;
        let date = match parts.get(2) {
            Some(d) => Date::new(year, month, num(d)?),
            None => Date::end_of_month(year, month),
        };
        date.ok_or_else(|| ParseDateError(format!("`{s}` is not a day of the calendar")))
    }

    /// Days since 1970-01-01 (negative before it); differences of these are day counts.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{:04}-{:02}-{:02}", self.year, self.month, self.day))
    }
}

impl std::str::FromStr for Date {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        Date::parse(s)
    }
}

/// Written as `YYYY-MM-DD`.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from `YYYY-MM-DD` or `YYYY-MM` (the end of that month).
impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_months_and_rejects_the_rest() {
        assert_eq!(Date::parse("2020-05-28"), Ok(Date { year: 2020, month: 5, day: 28 }));
        assert_eq!(Date::parse("2020-02"), Ok(Date { year: 2020, month: 2, day: 29 }));
        assert_eq!(Date::parse("2021-02"), Ok(Date { year: 2021, month: 2, day: 28 }));
        assert_eq!(Date::parse("2021-06").map(|d| d.to_string()), Ok("2021-06-30".to_string()));
        for bad in ["2020", "2020-13", "2021-02-29", "20-05-28", "2020-5-28", "2020-05-28x", "", "二〇二〇-05"] {
            assert!(Date::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn day_counts_match_the_calendar() {
        assert_eq!(Date::parse("1970-01-01").map(Date::days_since_epoch), Ok(0));
        // 2020 is a leap year (366 days), 2021 is not.
        let d = |s: &str| Date::parse(s).map(Date::days_since_epoch).unwrap_or(i64::MIN);
        assert_eq!(d("2021-12-31") - d("2020-12-31"), 365);
        assert_eq!(d("2020-12-31") - d("2019-12-31"), 366);
        assert_eq!(d("2022-12-31") - d("2020-12-31"), 730);
        assert_eq!(d("2020-03-01") - d("2020-02-28"), 2);
    }

    #[test]
    fn round_trips_through_serde() {
        let v: Vec<Date> = serde_json::from_str(r#"["2020-05-28", "2020-12"]"#).unwrap_or_default();
        assert_eq!(serde_json::to_string(&v).unwrap_or_default(), r#"["2020-05-28","2020-12-31"]"#);
    }
}

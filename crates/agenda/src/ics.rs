//! iCalendar (RFC 5545) output for the agenda: one `.ics` per event, the feed of the events a
//! viewer may see, and a member's personal feed.
//!
//! Written by hand rather than through a library because the few rules that matter are the ones
//! calendar clients trip over, and they are easiest to guarantee in one small place: CRLF line
//! endings, TEXT escaping, and folding at 75 *octets* without ever splitting a UTF-8 character
//! (nor an escape sequence, which some clients mishandle). Every time is written in UTC (`Z`
//! form), so no `VTIMEZONE` is needed; `X-WR-TIMEZONE` only tells clients how to show the feed.
//!
//! This module is pure: the caller decides which events (and which online links) a viewer may
//! see, and passes plain data in.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// The longest a physical line may be, in octets, excluding its CRLF (RFC 5545 §3.1).
const FOLD_OCTETS: usize = 75;

/// How an event stands, as calendar clients understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsStatus {
    /// Published and going ahead.
    Confirmed,
    /// Postponed: the date shown is not final.
    Tentative,
    /// Cancelled; clients strike the event through (keep sending it with a higher sequence).
    Cancelled,
}

impl IcsStatus {
    fn as_ical(self) -> &'static str {
        match self {
            IcsStatus::Confirmed => "CONFIRMED",
            IcsStatus::Tentative => "TENTATIVE",
            IcsStatus::Cancelled => "CANCELLED",
        }
    }
}

/// One event as it goes into a calendar. All times are UTC.
#[derive(Debug, Clone, PartialEq)]
pub struct IcsEvent {
    /// Stable identifier, e.g. `"<event uuid>@prassi"`; clients match updates on it.
    pub uid: String,
    /// Bumped by the caller on every significant change, so clients replace their copy.
    /// Negative values are written as 0.
    pub sequence: i32,
    /// Whether the event goes ahead, is postponed or is cancelled.
    pub status: IcsStatus,
    /// Title; any Unicode, escaped as needed.
    pub summary: String,
    /// Plain text; may be long and multi-line. Omitted when empty (and there is no online link).
    pub description: String,
    /// Start, UTC.
    pub starts_at: NaiveDateTime,
    /// End, UTC. `DTEND` is omitted when it is not after the start, as RFC 5545 requires.
    pub ends_at: NaiveDateTime,
    /// Venue and address; omitted when `None` or blank.
    pub location: Option<String>,
    /// Absolute URL of the event page; omitted when `None` or blank.
    pub url: Option<String>,
    /// Online meeting link. Pass it only when the viewer may see it: it is appended to the
    /// description as `"\n\nCollegamento: <url>"`.
    pub online_url: Option<String>,
    /// Themes; blank entries are skipped.
    pub categories: Vec<String>,
    /// When the event was created (`CREATED`).
    pub created_at: NaiveDateTime,
    /// When the event last changed (`LAST-MODIFIED` and `DTSTAMP`).
    pub updated_at: NaiveDateTime,
}

/// Writes a complete `VCALENDAR` named `name` holding `events`, with CRLF line endings and
/// folded lines. An empty `events` still gives a valid calendar.
pub fn calendar(name: &str, events: &[IcsEvent]) -> String {
    let mut out = String::with_capacity(256 + events.len() * 1024);
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(&mut out, "PRODID:-//Prassi//Agenda//IT");
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(name)));
    push_line(&mut out, "X-WR-TIMEZONE:Europe/Rome");
    for event in events {
        push_event(&mut out, event);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn push_event(out: &mut String, event: &IcsEvent) {
    push_line(out, "BEGIN:VEVENT");
    push_line(out, &format!("UID:{}", escape_text(&event.uid)));
    push_line(out, &format!("DTSTAMP:{}", utc(event.updated_at)));
    push_line(out, &format!("DTSTART:{}", utc(event.starts_at)));
    if event.ends_at > event.starts_at {
        push_line(out, &format!("DTEND:{}", utc(event.ends_at)));
    }
    push_line(out, &format!("SUMMARY:{}", escape_text(&event.summary)));

    let mut description = event.description.clone();
    if let Some(link) = non_blank(event.online_url.as_deref()) {
        if !description.trim().is_empty() {
            description.push_str("\n\n");
        }
        description.push_str("Collegamento: ");
        description.push_str(link);
    }
    if !description.is_empty() {
        push_line(out, &format!("DESCRIPTION:{}", escape_text(&description)));
    }

    if let Some(location) = non_blank(event.location.as_deref()) {
        push_line(out, &format!("LOCATION:{}", escape_text(location)));
    }
    if let Some(url) = non_blank(event.url.as_deref()) {
        push_line(out, &format!("URL:{}", clean_uri(url)));
    }
    let categories: Vec<String> = event
        .categories
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| escape_text(c))
        .collect();
    if !categories.is_empty() {
        push_line(out, &format!("CATEGORIES:{}", categories.join(",")));
    }
    push_line(out, &format!("STATUS:{}", event.status.as_ical()));
    push_line(out, &format!("SEQUENCE:{}", event.sequence.max(0)));
    push_line(out, &format!("CREATED:{}", utc(event.created_at)));
    push_line(out, &format!("LAST-MODIFIED:{}", utc(event.updated_at)));
    push_line(out, "END:VEVENT");
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// `YYYYMMDDTHHMMSSZ`. Years outside 0000–9999 cannot be written in this form, so they are
/// clamped to the nearest representable instant rather than producing an invalid line.
fn utc(at: NaiveDateTime) -> String {
    let clamped = if at.year() < 0 {
        NaiveDate::from_ymd_opt(0, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    } else if at.year() > 9999 {
        NaiveDate::from_ymd_opt(9999, 12, 31).and_then(|d| d.and_hms_opt(23, 59, 59))
    } else {
        Some(at)
    };
    clamped.unwrap_or(at).format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 §3.3.11 TEXT escaping. Any line break (`\r\n`, `\n` or a lone `\r`, as browsers
/// send from text areas) becomes `\n`; other ASCII control characters except TAB are not
/// allowed in TEXT and are dropped.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + value.len() / 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_ascii_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// URI values are not escaped, but a control character in one could end the line and inject a
/// property, so those are removed (a well-formed URI has none anyway).
fn clean_uri(value: &str) -> String {
    value
        .trim()
        .chars()
        .filter(|c| !c.is_ascii_control())
        .collect()
}

/// Appends one content line, folded so that no physical line exceeds [`FOLD_OCTETS`] octets;
/// continuation lines start with a single space. Breaks fall only between characters, and never
/// between a backslash and the character it escapes.
fn push_line(out: &mut String, line: &str) {
    let mut used = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let escaped = if c == '\\' { chars.next() } else { None };
        let width = c.len_utf8() + escaped.map_or(0, char::len_utf8);
        if used + width > FOLD_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        if let Some(e) = escaped {
            out.push(e);
        }
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::parser::{read_calendar, unfold};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .unwrap_or_default()
    }

    fn event() -> IcsEvent {
        IcsEvent {
            uid: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b@prassi".into(),
            sequence: 2,
            status: IcsStatus::Confirmed,
            summary: "Co-Labora: PNRR".into(),
            description: "Incontro della community.".into(),
            starts_at: at(2027, 3, 15, 8, 30),
            ends_at: at(2027, 3, 15, 12, 30),
            location: Some("Palazzo Balbi, Dorsoduro 3901, Venezia".into()),
            url: Some("https://prassi.example/agenda/co-labora-pnrr".into()),
            online_url: None,
            categories: vec!["Innovazione".into(), "PNRR".into()],
            created_at: at(2027, 1, 10, 9, 0),
            updated_at: at(2027, 2, 1, 17, 45),
        }
    }

    /// Parsed properties of one component, as (name, unescaped value) pairs.
    type Props = Vec<(String, String)>;

    /// Parses `ics` with the `icalendar` crate's parser; returns the calendar's properties and
    /// each VEVENT's properties.
    fn parse(ics: &str) -> (Props, Vec<Props>) {
        let unfolded = unfold(ics);
        let parsed = match read_calendar(&unfolded) {
            Ok(parsed) => parsed,
            Err(e) => panic!("output does not parse: {e}\n{ics}"),
        };
        let props = |list: &[icalendar::parser::Property]| -> Props {
            list.iter()
                .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
                .collect()
        };
        let events = parsed
            .components
            .iter()
            .map(|c| {
                assert_eq!(c.name.as_str(), "VEVENT");
                props(&c.properties)
            })
            .collect();
        (props(&parsed.properties), events)
    }

    fn get<'a>(props: &'a Props, name: &str) -> Option<&'a str> {
        props
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn assert_well_formed(ics: &str) {
        let bytes = ics.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
            }
            if *b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at byte {i}");
            }
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        let body = &ics[..ics.len() - 2];
        for (n, line) in body.split("\r\n").enumerate() {
            assert!(
                line.len() <= FOLD_OCTETS,
                "line {n} has {} octets: {line:?}",
                line.len()
            );
            assert!(!line.is_empty(), "empty line {n}");
        }
    }

    #[test]
    fn every_field_round_trips_through_a_real_parser() {
        let mut e = event();
        e.summary = "Tavolo: PNRR; fase 2, \"Veneto\" \\ C:\\Users\\prassi 🎉\nseconda riga".into();
        e.description = format!(
            "Prima riga, con virgola; e punto e virgola.\nاجتماع المجتمع 👩‍💻\n\n{}",
            "Descrizione lunga àèìòù €. ".repeat(200)
        );
        e.location = Some("Sala \"Verde\", via Roma 1; 30100 Venezia".into());
        let ics = calendar("Agenda di Prassi", std::slice::from_ref(&e));
        assert_well_formed(&ics);

        let (cal, events) = parse(&ics);
        assert_eq!(get(&cal, "VERSION"), Some("2.0"));
        assert_eq!(get(&cal, "PRODID"), Some("-//Prassi//Agenda//IT"));
        assert_eq!(get(&cal, "CALSCALE"), Some("GREGORIAN"));
        assert_eq!(get(&cal, "METHOD"), Some("PUBLISH"));
        assert_eq!(get(&cal, "X-WR-CALNAME"), Some("Agenda di Prassi"));
        assert_eq!(get(&cal, "X-WR-TIMEZONE"), Some("Europe/Rome"));
        assert_eq!(events.len(), 1);
        let p = &events[0];
        assert_eq!(get(p, "UID"), Some(e.uid.as_str()));
        assert_eq!(get(p, "SUMMARY"), Some(e.summary.as_str()));
        assert_eq!(get(p, "DESCRIPTION"), Some(e.description.as_str()));
        assert_eq!(get(p, "LOCATION"), e.location.as_deref());
        assert_eq!(get(p, "URL"), e.url.as_deref());
        assert_eq!(get(p, "CATEGORIES"), Some("Innovazione,PNRR"));
        assert_eq!(get(p, "STATUS"), Some("CONFIRMED"));
        assert_eq!(get(p, "SEQUENCE"), Some("2"));
        assert_eq!(get(p, "DTSTART"), Some("20270315T083000Z"));
        assert_eq!(get(p, "DTEND"), Some("20270315T123000Z"));
        assert_eq!(get(p, "DTSTAMP"), Some("20270201T174500Z"));
        assert_eq!(get(p, "LAST-MODIFIED"), Some("20270201T174500Z"));
        assert_eq!(get(p, "CREATED"), Some("20270110T090000Z"));
    }

    #[test]
    fn a_five_thousand_character_description_in_any_script_round_trips() {
        let mut e = event();
        let pattern = "aé€😀ب\u{0301}x";
        e.description = pattern.chars().cycle().take(5_000).collect();
        assert_eq!(e.description.chars().count(), 5_000);
        let ics = calendar("Agenda", &[e.clone()]);
        assert_well_formed(&ics);
        let (_, events) = parse(&ics);
        assert_eq!(get(&events[0], "DESCRIPTION"), Some(e.description.as_str()));
    }

    #[test]
    fn folding_never_splits_a_character_at_any_offset() {
        for prefix in 0..8 {
            let mut e = event();
            e.summary = format!("{}{}", "x".repeat(prefix), "😀é€ب".repeat(40));
            e.description = format!("{}{}", ",".repeat(prefix), "日本語\n".repeat(60));
            let ics = calendar("Agenda", &[e.clone()]);
            assert_well_formed(&ics);
            for line in ics.as_bytes().split(|b| *b == b'\n') {
                assert!(std::str::from_utf8(line).is_ok(), "line is not UTF-8");
            }
            let (_, events) = parse(&ics);
            assert_eq!(get(&events[0], "SUMMARY"), Some(e.summary.as_str()));
            assert_eq!(get(&events[0], "DESCRIPTION"), Some(e.description.as_str()));
        }
    }

    #[test]
    fn folded_lines_are_full_and_continue_with_one_space() {
        let mut e = event();
        e.summary = "s".repeat(300);
        let ics = calendar("Agenda", &[e]);
        let lines: Vec<&str> = ics.split("\r\n").collect();
        let start = lines
            .iter()
            .position(|l| l.starts_with("SUMMARY:"))
            .unwrap_or_default();
        assert_eq!(lines[start].len(), 75);
        assert_eq!(lines[start + 1].len(), 75);
        assert!(lines[start + 1].starts_with(' ') && !lines[start + 1].starts_with("  "));
        assert_eq!(unfold(&ics).matches(&"s".repeat(300)).count(), 1);
    }

    #[test]
    fn escape_sequences_are_never_split_by_folding() {
        for prefix in 0..4 {
            let mut e = event();
            e.summary = format!("{}{}", "a".repeat(prefix), ",;\\\n".repeat(40));
            let ics = calendar("Agenda", &[e.clone()]);
            assert_well_formed(&ics);
            for line in ics.split("\r\n") {
                let trailing = line.len() - line.trim_end_matches('\\').len();
                assert_eq!(trailing % 2, 0, "line ends inside an escape: {line:?}");
            }
            let (_, events) = parse(&ics);
            assert_eq!(get(&events[0], "SUMMARY"), Some(e.summary.as_str()));
        }
    }

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        let mut e = event();
        // The parser used above unescapes `\\n` wrongly, so this case is checked on the raw text.
        e.summary = "C:\\new; a, b\r\nc\rd\u{0007}e\tf".into();
        e.categories = vec!["Dati, open data".into(), "  ".into(), "PNRR".into()];
        let ics = calendar("Nome; con, virgole", &[e]);
        let unfolded = unfold(&ics);
        assert!(unfolded.contains("\r\nSUMMARY:C:\\\\new\\; a\\, b\\nc\\nde\tf\r\n"));
        assert!(unfolded.contains("\r\nCATEGORIES:Dati\\, open data,PNRR\r\n"));
        assert!(unfolded.contains("\r\nX-WR-CALNAME:Nome\\; con\\, virgole\r\n"));
    }

    #[test]
    fn a_control_character_in_a_url_cannot_inject_a_property() {
        let mut e = event();
        e.url = Some("https://prassi.example/a\r\nATTENDEE:mailto:x@example.org".into());
        let ics = calendar("Agenda", &[e]);
        assert_well_formed(&ics);
        let (_, events) = parse(&ics);
        assert_eq!(get(&events[0], "ATTENDEE"), None);
        assert_eq!(
            get(&events[0], "URL"),
            Some("https://prassi.example/aATTENDEE:mailto:x@example.org")
        );
    }

    #[test]
    fn a_cancelled_event_carries_its_status_and_sequence() {
        let mut e = event();
        e.status = IcsStatus::Cancelled;
        e.sequence = 7;
        let mut postponed = event();
        postponed.uid = "other@prassi".into();
        postponed.status = IcsStatus::Tentative;
        let ics = calendar("Agenda", &[e, postponed]);
        assert!(ics.contains("\r\nSTATUS:CANCELLED\r\nSEQUENCE:7\r\n"));
        let (_, events) = parse(&ics);
        assert_eq!(events.len(), 2);
        assert_eq!(get(&events[0], "STATUS"), Some("CANCELLED"));
        assert_eq!(get(&events[0], "SEQUENCE"), Some("7"));
        assert_eq!(get(&events[1], "STATUS"), Some("TENTATIVE"));
    }

    #[test]
    fn an_empty_list_is_still_a_valid_calendar() {
        let ics = calendar("Agenda vuota", &[]);
        assert_well_formed(&ics);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        let (cal, events) = parse(&ics);
        assert!(events.is_empty());
        assert_eq!(get(&cal, "PRODID"), Some("-//Prassi//Agenda//IT"));
        assert_eq!(get(&cal, "X-WR-CALNAME"), Some("Agenda vuota"));
    }

    #[test]
    fn the_online_link_is_appended_to_the_description() {
        let mut e = event();
        e.online_url = Some("https://meet.example/abc".into());
        let (_, events) = parse(&calendar("Agenda", &[e]));
        assert_eq!(
            get(&events[0], "DESCRIPTION"),
            Some("Incontro della community.\n\nCollegamento: https://meet.example/abc")
        );

        let mut bare = event();
        bare.description = String::new();
        bare.online_url = Some("https://meet.example/abc".into());
        let (_, events) = parse(&calendar("Agenda", &[bare]));
        assert_eq!(
            get(&events[0], "DESCRIPTION"),
            Some("Collegamento: https://meet.example/abc")
        );
    }

    #[test]
    fn optional_fields_are_left_out_when_absent() {
        let mut e = event();
        e.description = String::new();
        e.location = None;
        e.url = Some("   ".into());
        e.categories = vec![];
        e.ends_at = e.starts_at;
        e.sequence = -3;
        let (_, events) = parse(&calendar("Agenda", &[e]));
        let p = &events[0];
        for absent in ["DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "DTEND"] {
            assert_eq!(get(p, absent), None, "{absent} should be absent");
        }
        assert_eq!(get(p, "SEQUENCE"), Some("0"));
    }

    #[test]
    fn years_beyond_four_digits_are_clamped() {
        let mut e = event();
        e.starts_at = NaiveDateTime::MIN;
        e.ends_at = NaiveDateTime::MAX;
        let (_, events) = parse(&calendar("Agenda", &[e]));
        assert_eq!(get(&events[0], "DTSTART"), Some("00000101T000000Z"));
        assert_eq!(get(&events[0], "DTEND"), Some("99991231T235959Z"));
    }
}

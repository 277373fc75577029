//! The programme of an event: a list of timed blocks in the Veneto "Co-Labora" format
//! (introduction, talks, question time, networking tables, feedback).
//!
//! Pure validation and the four-hour template, kept apart from the database and the pages so the
//! rules can be tested on their own. Validation answers every problem at once, each tied to a
//! block and a field, so the form can list them all in its error summary.

use chrono::{NaiveDateTime, TimeDelta};
use serde::{Deserialize, Serialize};

/// The most blocks a programme may have.
pub const MAX_BLOCKS: usize = 50;
/// The longest a block may last, in minutes (one day).
pub const MAX_DURATION_MIN: i32 = 1440;
/// The longest a block title may be, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// What a block of the programme is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Welcome and introduction.
    Introduction,
    /// Talks by speakers.
    Talk,
    /// Questions from the audience.
    QuestionTime,
    /// Presentation of the networking tables.
    TablesPresentation,
    /// Networking tables.
    Tables,
    /// Feedback and conclusions.
    Feedback,
    /// A break.
    Break,
    /// Anything else.
    Other,
}

impl BlockKind {
    /// Every kind, in the order a form should offer them.
    pub const ALL: &'static [BlockKind] = &[
        BlockKind::Introduction,
        BlockKind::Talk,
        BlockKind::QuestionTime,
        BlockKind::TablesPresentation,
        BlockKind::Tables,
        BlockKind::Feedback,
        BlockKind::Break,
        BlockKind::Other,
    ];

    /// The string stored in the database and sent by forms, e.g. `"question_time"`.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Introduction => "introduction",
            BlockKind::Talk => "talk",
            BlockKind::QuestionTime => "question_time",
            BlockKind::TablesPresentation => "tables_presentation",
            BlockKind::Tables => "tables",
            BlockKind::Feedback => "feedback",
            BlockKind::Break => "break",
            BlockKind::Other => "other",
        }
    }

    /// The kind stored as `s` (exactly as [`BlockKind::as_str`] writes it), or `None`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.as_str() == s)
    }
}

/// A block as a form or the API sends it, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockInput {
    /// One of the [`BlockKind::as_str`] strings.
    pub kind: String,
    /// Start, UTC.
    pub starts_at: NaiveDateTime,
    /// Length in minutes, `1..=1440`.
    pub duration_min: i32,
    /// Title; trimmed, `1..=200` characters.
    pub title: String,
}

/// A checked block of the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is for.
    pub kind: BlockKind,
    /// Start, UTC.
    pub starts_at: NaiveDateTime,
    /// Length in minutes, `1..=1440`.
    pub duration_min: i32,
    /// Title, trimmed.
    pub title: String,
}

impl Block {
    /// When the block ends, or `None` if that is past the last representable time.
    pub fn ends_at(&self) -> Option<NaiveDateTime> {
        end_of(self.starts_at, self.duration_min)
    }
}

/// One problem with one block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockError {
    /// Position of the block in the input (not in the sorted output).
    pub index: usize,
    /// The field at fault: `"kind"`, `"starts_at"`, `"duration_min"` or `"title"`.
    pub field: &'static str,
    /// A message key, e.g. `"agenda-block-overlap"`.
    pub message: &'static str,
}

impl BlockError {
    fn new(index: usize, field: &'static str, message: &'static str) -> Self {
        Self {
            index,
            field,
            message,
        }
    }
}

/// The order of the fields in the form, for listing a block's problems in that order.
fn field_rank(field: &str) -> u8 {
    match field {
        "kind" => 0,
        "starts_at" => 1,
        "duration_min" => 2,
        _ => 3,
    }
}

/// An instant as (seconds since the epoch, nanoseconds) so that adding a valid duration can
/// never overflow, whatever the date: chrono's range is far inside `i64` seconds.
fn instant(at: NaiveDateTime) -> (i64, u32) {
    let utc = at.and_utc();
    (utc.timestamp(), utc.timestamp_subsec_nanos())
}

fn end_of(start: NaiveDateTime, duration_min: i32) -> Option<NaiveDateTime> {
    start.checked_add_signed(TimeDelta::try_minutes(i64::from(duration_min))?)
}

/// Checks a programme for an event running from `event_start` to `event_end` (UTC) and returns
/// its blocks sorted by start (ties keep input order), titles trimmed.
///
/// On failure returns every problem found, ordered by block index:
/// - `kind`: `agenda-block-kind-unknown`;
/// - `duration_min`: `agenda-block-duration-invalid` (not in `1..=1440`);
/// - `title`: `agenda-block-title-required` (blank) or `agenda-block-title-too-long` (over 200
///   characters);
/// - `starts_at`: `agenda-block-outside-event` (starts before the event or ends after it) and
///   `agenda-block-overlap` (on the block that starts later; touching blocks are fine);
/// - `agenda-blocks-too-many` on field `kind` at index 50 when there are more than 50 blocks;
///   blocks past the 50th are then not checked one by one.
pub fn validate(
    blocks: &[BlockInput],
    event_start: NaiveDateTime,
    event_end: NaiveDateTime,
) -> Result<Vec<Block>, Vec<BlockError>> {
    let mut errors = Vec::new();
    let considered = &blocks[..blocks.len().min(MAX_BLOCKS)];
    let (event_start, event_end) = (instant(event_start), instant(event_end));
    // (start, end, input index) of every block whose duration is valid, for the overlap check.
    let mut spans = Vec::with_capacity(considered.len());
    let mut checked = Vec::with_capacity(considered.len());

    for (index, input) in considered.iter().enumerate() {
        let kind = BlockKind::parse(&input.kind);
        if kind.is_none() {
            errors.push(BlockError::new(index, "kind", "agenda-block-kind-unknown"));
        }

        let start = instant(input.starts_at);
        let duration_ok = (1..=MAX_DURATION_MIN).contains(&input.duration_min);
        let end = (start.0 + 60 * i64::from(input.duration_min), start.1);
        if start < event_start || (duration_ok && end > event_end) {
            errors.push(BlockError::new(
                index,
                "starts_at",
                "agenda-block-outside-event",
            ));
        }
        if duration_ok {
            spans.push((start, end, index));
        } else {
            errors.push(BlockError::new(
                index,
                "duration_min",
                "agenda-block-duration-invalid",
            ));
        }

        let title = input.title.trim();
        if title.is_empty() {
            errors.push(BlockError::new(
                index,
                "title",
                "agenda-block-title-required",
            ));
        } else if title.chars().count() > MAX_TITLE_CHARS {
            errors.push(BlockError::new(
                index,
                "title",
                "agenda-block-title-too-long",
            ));
        }

        if let Some(kind) = kind {
            checked.push((
                index,
                Block {
                    kind,
                    starts_at: input.starts_at,
                    duration_min: input.duration_min,
                    title: title.to_owned(),
                },
            ));
        }
    }

    // Sorted by start, the latest end seen so far tells whether a block starts inside an
    // earlier one (including one it does not directly follow).
    spans.sort_by_key(|&(start, _, index)| (start, index));
    let mut latest_end = None;
    for &(start, end, index) in &spans {
        if latest_end.is_some_and(|latest_end| start < latest_end) {
            errors.push(BlockError::new(index, "starts_at", "agenda-block-overlap"));
        }
        latest_end = latest_end.max(Some(end));
    }

    if blocks.len() > MAX_BLOCKS {
        errors.push(BlockError::new(
            MAX_BLOCKS,
            "kind",
            "agenda-blocks-too-many",
        ));
    }

    if errors.is_empty() {
        checked.sort_by_key(|(index, block)| (block.starts_at, *index));
        Ok(checked.into_iter().map(|(_, block)| block).collect())
    } else {
        // Stable: within a field, problems keep the order they were found in.
        errors.sort_by_key(|e| (e.index, field_rank(e.field)));
        Err(errors)
    }
}

/// The four-hour Co-Labora meeting, its blocks back to back from `event_start`: introduction
/// (5'), talks (90'), question time (25'), presentation of the tables (5'), networking tables
/// (90'), feedback (25'). Blocks that would end past the last representable time are left out.
pub fn four_hour_template(event_start: NaiveDateTime) -> Vec<Block> {
    const TEMPLATE: [(BlockKind, i32, &str); 6] = [
        (BlockKind::Introduction, 5, "Introduzione e saluti"),
        (BlockKind::Talk, 90, "Interventi"),
        (BlockKind::QuestionTime, 25, "Question time"),
        (
            BlockKind::TablesPresentation,
            5,
            "Presentazione dei tavoli di networking",
        ),
        (BlockKind::Tables, 90, "Tavoli di networking"),
        (BlockKind::Feedback, 25, "Feedback e conclusioni"),
    ];
    let mut blocks = Vec::with_capacity(TEMPLATE.len());
    let mut start = event_start;
    for (kind, duration_min, title) in TEMPLATE {
        let Some(end) = end_of(start, duration_min) else {
            break;
        };
        blocks.push(Block {
            kind,
            starts_at: start,
            duration_min,
            title: title.to_owned(),
        });
        start = end;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 3, 15)
            .and_then(|d| d.and_hms_opt(h, mi, 0))
            .unwrap_or_default()
    }

    fn input(kind: &str, start: NaiveDateTime, duration_min: i32, title: &str) -> BlockInput {
        BlockInput {
            kind: kind.into(),
            starts_at: start,
            duration_min,
            title: title.into(),
        }
    }

    fn errors_of(blocks: &[BlockInput]) -> Vec<(usize, &'static str, &'static str)> {
        match validate(blocks, at(9, 0), at(13, 0)) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .map(|e| (e.index, e.field, e.message))
                .collect(),
        }
    }

    #[test]
    fn every_kind_round_trips_through_its_string() {
        assert_eq!(BlockKind::ALL.len(), 8);
        for kind in BlockKind::ALL {
            assert_eq!(BlockKind::parse(kind.as_str()), Some(*kind));
        }
        let strings: Vec<&str> = BlockKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            strings,
            [
                "introduction",
                "talk",
                "question_time",
                "tables_presentation",
                "tables",
                "feedback",
                "break",
                "other"
            ]
        );
        assert_eq!(BlockKind::parse("Talk"), None);
        assert_eq!(BlockKind::parse(""), None);
    }

    #[test]
    fn serde_uses_the_stored_strings() {
        let json = serde_json::to_string(&BlockKind::TablesPresentation).unwrap_or_default();
        assert_eq!(json, "\"tables_presentation\"");
    }

    #[test]
    fn a_valid_programme_comes_back_sorted_with_trimmed_titles() {
        let blocks = [
            input("tables", at(11, 0), 90, "Tavoli"),
            input("introduction", at(9, 0), 5, "  Saluti  "),
            input("talk", at(9, 5), 115, "Interventi"),
            input("break", at(11, 0), 0, "x"),
        ];
        assert_eq!(
            errors_of(&blocks),
            [(3, "duration_min", "agenda-block-duration-invalid")]
        );
        let ok = validate(&blocks[..3], at(9, 0), at(13, 0)).unwrap_or_default();
        let kinds: Vec<BlockKind> = ok.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [BlockKind::Introduction, BlockKind::Talk, BlockKind::Tables]
        );
        assert_eq!(ok[0].title, "Saluti");
        assert_eq!(ok[2].ends_at(), Some(at(12, 30)));
    }

    #[test]
    fn an_empty_programme_is_valid() {
        assert_eq!(validate(&[], at(9, 0), at(13, 0)), Ok(Vec::new()));
    }

    #[test]
    fn touching_blocks_and_blocks_filling_the_event_exactly_are_fine() {
        let blocks = [
            input("talk", at(9, 0), 120, "A"),
            input("talk", at(11, 0), 120, "B"),
        ];
        assert_eq!(errors_of(&blocks), []);
    }

    #[test]
    fn an_unknown_kind_is_reported() {
        let blocks = [input("keynote", at(9, 0), 10, "A")];
        assert_eq!(
            errors_of(&blocks),
            [(0, "kind", "agenda-block-kind-unknown")]
        );
    }

    #[test]
    fn durations_outside_one_minute_to_one_day_are_reported() {
        for bad in [0, -5, 1441, i32::MAX, i32::MIN] {
            let blocks = [input("talk", at(9, 0), bad, "A")];
            assert_eq!(
                errors_of(&blocks),
                [(0, "duration_min", "agenda-block-duration-invalid")],
                "duration {bad}"
            );
        }
        let whole_day = [input("talk", at(0, 0), 1440, "A")];
        assert_eq!(
            validate(&whole_day, at(0, 0), at(0, 0) + TimeDelta::days(1)).map(|b| b.len()),
            Ok(1)
        );
    }

    #[test]
    fn titles_must_be_present_and_at_most_200_characters() {
        let blocks = [
            input("talk", at(9, 0), 10, "   \t\n"),
            input("talk", at(9, 10), 10, &"è".repeat(200)),
            input("talk", at(9, 20), 10, &"a".repeat(201)),
            input("talk", at(9, 30), 10, &format!("  {}  ", "a".repeat(200))),
        ];
        assert_eq!(
            errors_of(&blocks),
            [
                (0, "title", "agenda-block-title-required"),
                (2, "title", "agenda-block-title-too-long"),
            ]
        );
    }

    #[test]
    fn blocks_outside_the_event_are_reported() {
        let blocks = [
            input("talk", at(8, 59), 10, "Too early"),
            input("talk", at(12, 51), 10, "Too late"),
            input("talk", at(13, 5), 1, "After"),
            input("talk", at(10, 0), 10, "Fine"),
        ];
        assert_eq!(
            errors_of(&blocks),
            [
                (0, "starts_at", "agenda-block-outside-event"),
                (1, "starts_at", "agenda-block-outside-event"),
                (2, "starts_at", "agenda-block-outside-event"),
            ]
        );
    }

    #[test]
    fn overlaps_are_reported_on_the_later_block() {
        let blocks = [
            input("talk", at(10, 0), 30, "Later, overlapping"),
            input("talk", at(9, 0), 120, "Long"),
            input("talk", at(11, 0), 10, "After the long one ends"),
            input("talk", at(11, 0), 10, "Same start as 2"),
        ];
        assert_eq!(
            errors_of(&blocks),
            [
                (0, "starts_at", "agenda-block-overlap"),
                (3, "starts_at", "agenda-block-overlap"),
            ]
        );
    }

    #[test]
    fn a_block_inside_an_earlier_long_block_overlaps_even_after_a_short_one() {
        let blocks = [
            input("talk", at(9, 0), 180, "Long"),
            input("talk", at(9, 30), 10, "Inside"),
            input("talk", at(10, 0), 10, "Also inside"),
        ];
        assert_eq!(
            errors_of(&blocks),
            [
                (1, "starts_at", "agenda-block-overlap"),
                (2, "starts_at", "agenda-block-overlap"),
            ]
        );
    }

    #[test]
    fn more_than_fifty_blocks_are_refused_at_index_fifty() {
        let event_end = at(9, 0) + TimeDelta::minutes(51);
        let blocks: Vec<BlockInput> = (0..51)
            .map(|i| input("talk", at(9, 0) + TimeDelta::minutes(i), 1, "A"))
            .collect();
        assert_eq!(
            validate(&blocks[..50], at(9, 0), event_end).map(|b| b.len()),
            Ok(50)
        );
        let errors = validate(&blocks, at(9, 0), event_end)
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors,
            [BlockError::new(50, "kind", "agenda-blocks-too-many")]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let blocks = [
            input("nonsense", at(8, 0), 0, ""),
            input("talk", at(9, 0), 60, &"x".repeat(300)),
            input("talk", at(9, 30), 60, "Overlaps block 1"),
            input("feedback", at(12, 30), 45, "Runs past the end"),
        ];
        assert_eq!(
            errors_of(&blocks),
            [
                (0, "kind", "agenda-block-kind-unknown"),
                (0, "starts_at", "agenda-block-outside-event"),
                (0, "duration_min", "agenda-block-duration-invalid"),
                (0, "title", "agenda-block-title-required"),
                (1, "title", "agenda-block-title-too-long"),
                (2, "starts_at", "agenda-block-overlap"),
                (3, "starts_at", "agenda-block-outside-event"),
            ]
        );
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let blocks = [
            input("talk", NaiveDateTime::MAX, 1440, "End of time"),
            input("talk", NaiveDateTime::MAX, 1440, "Again"),
            input("talk", NaiveDateTime::MIN, 1440, "Start of time"),
        ];
        let errors = validate(&blocks, NaiveDateTime::MIN, NaiveDateTime::MAX)
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors,
            [
                BlockError::new(0, "starts_at", "agenda-block-outside-event"),
                BlockError::new(1, "starts_at", "agenda-block-outside-event"),
                BlockError::new(1, "starts_at", "agenda-block-overlap"),
            ]
        );
        assert!(four_hour_template(NaiveDateTime::MAX).is_empty());
        assert_eq!(
            four_hour_template(NaiveDateTime::MAX - TimeDelta::minutes(100)).len(),
            2
        );
    }

    #[test]
    fn the_four_hour_template_fills_four_hours_back_to_back() {
        let blocks = four_hour_template(at(9, 0));
        let summary: Vec<(BlockKind, i32, &str)> = blocks
            .iter()
            .map(|b| (b.kind, b.duration_min, b.title.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (BlockKind::Introduction, 5, "Introduzione e saluti"),
                (BlockKind::Talk, 90, "Interventi"),
                (BlockKind::QuestionTime, 25, "Question time"),
                (
                    BlockKind::TablesPresentation,
                    5,
                    "Presentazione dei tavoli di networking"
                ),
                (BlockKind::Tables, 90, "Tavoli di networking"),
                (BlockKind::Feedback, 25, "Feedback e conclusioni"),
            ]
        );
        assert_eq!(blocks[0].starts_at, at(9, 0));
        for pair in blocks.windows(2) {
            assert_eq!(pair[0].ends_at(), Some(pair[1].starts_at));
        }
        assert_eq!(blocks.iter().map(|b| b.duration_min).sum::<i32>(), 240);
        assert_eq!(blocks.last().and_then(Block::ends_at), Some(at(13, 0)));

        let inputs: Vec<BlockInput> = blocks
            .iter()
            .map(|b| input(b.kind.as_str(), b.starts_at, b.duration_min, &b.title))
            .collect();
        assert_eq!(validate(&inputs, at(9, 0), at(13, 0)), Ok(blocks));
    }
}

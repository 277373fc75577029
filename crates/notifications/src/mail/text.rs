//! What a member wrote in a reply, without what their mail client added: the text part of the
//! message (or its HTML part turned into text), less the quoted notification and the
//! signature. Mail clients mark quotes in a handful of ways and nothing else tells them apart,
//! so each rule below is one of those habits (Gmail, Thunderbird, Apple Mail, Outlook, in
//! English and Italian). A rule must not eat the member's own words: the attribution line cuts
//! only when it reads as one, an Outlook header block only when its fields follow each other.

use mail_parser::Message;

/// The reply's own text: the first text body (an HTML-only message turned into text), with
/// quoted text, forwarded-message blocks and the signature removed, control characters
/// dropped, runs of blank lines collapsed and the whole trimmed. Empty when nothing is left.
pub fn reply_text(message: &Message<'_>) -> String {
    let body = message.body_text(0).unwrap_or_default();
    strip_quoted(&clean(&body))
}

/// Line breaks as `\n`, tabs kept, every other control character (and a byte-order mark)
/// dropped: the services refuse them, and a mail client never means them.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !(c.is_control() || *c == '\u{feff}'))
        .collect()
}

/// Removes quoted text from a plain-text reply; see the module comment.
pub fn strip_quoted(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let end = quote_start(&lines).unwrap_or(lines.len());
    let mut out: Vec<&str> = Vec::new();
    for line in &lines[..end] {
        if is_quote(line) {
            continue;
        }
        let line = line.trim_end();
        // One blank line between paragraphs, however many the client left.
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n").trim().to_owned()
}

/// The first line of the quoted part (attribution, original-message separator, Outlook
/// header block, signature), if any.
fn quote_start(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        if is_signature_delimiter(line) || is_original_message(line) {
            return Some(i);
        }
        if let Some(start) = attribution_start(lines, i) {
            return Some(start);
        }
        if is_header_block(lines, i) {
            // Outlook draws a line of underscores above the block.
            let above = lines[..i].iter().rposition(|l| !l.trim().is_empty());
            return Some(match above {
                Some(j) if is_rule(lines[j]) => j,
                _ => i,
            });
        }
    }
    None
}

/// `> quoted`: a line of the quoted message.
fn is_quote(line: &str) -> bool {
    line.trim_start().starts_with('>')
}

/// The signature delimiter: `-- ` (RFC 3676), or `--` where a client trimmed the space.
fn is_signature_delimiter(line: &str) -> bool {
    line == "-- " || line.trim_end() == "--"
}

/// `-----Original Message-----`, `-------- Messaggio originale --------` and the like.
fn is_original_message(line: &str) -> bool {
    let t = line.trim();
    if !t.starts_with("--") {
        return false;
    }
    let inner = t.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let inner = inner.to_lowercase();
    [
        "original message",
        "messaggio originale",
        "ursprüngliche nachricht",
        "message d'origine",
        "message original",
        "mensaje original",
    ]
    .contains(&inner.as_str())
}

/// How attribution lines end: "On … wrote:", "Il giorno … ha scritto:", and the neighbours'.
const ATTRIBUTION_ENDS: &[&str] = &[
    "wrote:",
    "scritto:",
    "a écrit :",
    "a écrit:",
    "schrieb:",
    "escribió:",
];

/// How attribution lines start.
const ATTRIBUTION_STARTS: &[&str] = &["On ", "Il ", "Le ", "Am ", "El ", "Em "];

/// Where the attribution that ends at line `i` starts, if line `i` ends one: the line itself
/// or, when the client wrapped it, up to three lines above in the same paragraph that begin
/// with "On"/"Il". A line merely ending with "wrote:" counts only when quoted lines follow.
fn attribution_start(lines: &[&str], i: usize) -> Option<usize> {
    let t = lines[i].trim();
    let lower = t.to_lowercase();
    if !ATTRIBUTION_ENDS.iter().any(|e| lower.ends_with(e)) {
        return None;
    }
    let first = i.saturating_sub(3);
    let mut j = i;
    loop {
        if ATTRIBUTION_STARTS
            .iter()
            .any(|s| lines[j].trim_start().starts_with(s))
        {
            return Some(j);
        }
        if j == first || lines[j - 1].trim().is_empty() || is_quote(lines[j - 1]) {
            break;
        }
        j -= 1;
    }
    let quoted_next = lines[i + 1..]
        .iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| is_quote(l));
    quoted_next.then_some(i)
}

/// The header fields of a quoted message, with the asterisks a text rendering of bold adds.
fn header_field(line: &str) -> Option<&'static str> {
    const FIELDS: &[&str] = &[
        "from", "da", "de", "von", "sent", "inviato", "date", "data", "to", "a", "cc", "subject",
        "oggetto", "envoyé", "gesendet", "an", "betreff", "objet",
    ];
    let t = line.trim().trim_start_matches('*');
    let (name, rest) = t.split_once(':')?;
    let name = name.trim_end_matches('*').trim().to_lowercase();
    let rest = rest.trim_start_matches('*');
    if rest.trim().is_empty() && name != "cc" {
        return None;
    }
    FIELDS.iter().copied().find(|f| *f == name)
}

/// An Outlook-style block: "From:"/"Da:" followed, within the next three lines, by another
/// header field ("Sent:", "Inviato:", "To:", "A:", "Subject:", "Oggetto:").
fn is_header_block(lines: &[&str], i: usize) -> bool {
    if !matches!(header_field(lines[i]), Some("from" | "da" | "de" | "von")) {
        return false;
    }
    lines[i + 1..]
        .iter()
        .take(3)
        .any(|l| header_field(l).is_some_and(|f| !matches!(f, "from" | "da" | "de" | "von")))
}

/// A horizontal rule of underscores or dashes, as Outlook draws above a quoted message.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 10 && t.chars().all(|c| c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::strip_quoted;

    #[test]
    fn gmail_quotes_and_wrapped_attributions_go() {
        let text = "Grazie, lo proverò domani.\n\nOn Mon, 7 Dec 2026 at 10:00, Prassi <\nrisposte+abc@example.org> wrote:\n> Anna ha risposto:\n> testo\n";
        assert_eq!(strip_quoted(text), "Grazie, lo proverò domani.");
    }

    #[test]
    fn italian_attribution_and_signature_go() {
        let text = "Confermo.\n\nIl giorno lun 7 dic 2026 alle ore 10:00 Prassi\n<risposte+abc@example.org> ha scritto:\n\n> Testo\n";
        assert_eq!(strip_quoted(text), "Confermo.");
        let text = "Va bene.\n-- \nMario Rossi\nComune di Prova";
        assert_eq!(strip_quoted(text), "Va bene.");
    }

    #[test]
    fn outlook_blocks_go_and_ordinary_lines_stay() {
        let text = "Ecco il documento.\n\n________________________________\nDa: Prassi <risposte+abc@example.org>\nInviato: lunedì 7 dicembre 2026 10:00\nA: Mario Rossi\nOggetto: Nuova risposta\n\nTesto originale";
        assert_eq!(strip_quoted(text), "Ecco il documento.");
        let text = "Risposta.\n\n-----Original Message-----\nFrom: x\nSent: y";
        assert_eq!(strip_quoted(text), "Risposta.");
        // A line that only looks like a field, with no block after it, is the member's.
        let text = "Da: Milano a Roma ci vogliono tre ore.\nSecondo me conviene il treno.";
        assert_eq!(strip_quoted(text), text);
        // "wrote:" in the member's own sentence, with nothing quoted after it, stays.
        let text = "This is what Mario wrote:\nwe should try it.";
        assert_eq!(strip_quoted(text), text);
    }

    #[test]
    fn interleaved_quotes_leave_the_new_lines_and_blank_runs_collapse() {
        let text = "> domanda uno\nrisposta uno\n\n\n\n> domanda due\nrisposta due\n";
        assert_eq!(strip_quoted(text), "risposta uno\n\nrisposta due");
        assert_eq!(strip_quoted("> solo citazioni\n>\n"), "");
    }
}

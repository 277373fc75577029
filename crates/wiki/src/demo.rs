//! The wiki module's demo content: linked pages drawn from the sources for `prassi demo`
//! (what a community of practice is, the meeting format, the ten themes, the phased opening,
//! and the answer the Q&A module accepted, promoted), and the generated pages of the dataset
//! (`--size`): linked to earlier pages, some with parents, the first one of 50 KB. Its parts run
//! after the accounts module's (whose people write the pages) and the Q&A module's (whose
//! accepted answer it promotes).

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::demo::{
    capitalise, paragraph, viewer, Community, Dataset, DemoContent, Rng, Size, COMPLEMENTS,
    OBJECTS, SUBJECTS, VENETO_THEMES,
};
use prassi_core::AppResult;
use prassi_db::{AnswerId, DbConnection};

use crate::service::{self, PageInput, PromoteInput, SaveInput};

/// The wiki module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts", "qa"],
    existing,
    community,
    dataset: Some(dataset),
};

/// The generated pages of a dataset size.
pub fn pages(size: Size) -> usize {
    match size {
        Size::Small => 20,
        Size::Large => 1_000,
    }
}

/// The size of the big page, in bytes (at least).
pub const BIG_PAGE_BYTES: usize = 50 * 1024;
/// The big page's title.
pub const BIG_PAGE_TITLE: &str = "Guida completa alla co-progettazione con il Terzo Settore";

/// Pages.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    use diesel::dsl::exists;
    use prassi_db::schema::wiki_pages;
    let any: bool =
        diesel::select(exists(wiki_pages::table.select(wiki_pages::id))).get_result(conn)?;
    Ok(any.then(|| "wiki content (pages)".to_owned()))
}

/// Linked wiki pages drawn from the sources: what a community of practice is, the meeting
/// format, the ten themes, the phased opening; one page improved by a second member, one link
/// to a page not written yet, and an accepted answer promoted from Q&A.
///
/// The promoted answer is the one the Q&A module recorded (`qa.accepted-answer`, and its
/// question's title as `qa.accepted-answer.title`); without it no answer is promoted.
fn community(run: &mut Community<'_>) -> AppResult<()> {
    let accepted = run
        .recorded("qa.accepted-answer")
        .zip(run.recorded("qa.accepted-answer.title"))
        .map(|(answer, title)| (AnswerId(answer.to_owned()), title.to_owned()));
    let conn = &mut *run.conn;
    let phase = Phase::Closed;
    let giulia = viewer(conn, "giulia.rossi")?;
    let luca = viewer(conn, "luca.ferrari")?;
    let create = |conn: &mut DbConnection,
                  who: &Viewer,
                  title: &str,
                  parent: &str,
                  categories: &str,
                  audience: &str,
                  body: String| {
        service::create(
            conn,
            who,
            phase,
            &PageInput {
                lang: String::new(),
                title: title.into(),
                body_md: body,
                categories: categories.into(),
                parent: parent.into(),
                audience: audience.into(),
                summary: "prima stesura".into(),
            },
        )
    };
    create(conn, &giulia, "Comunità di pratica", "", "Metodo", "public", "Una **comunità di pratica** è un gruppo di persone che condividono un interesse o una pratica professionale e imparano le une dalle altre confrontandosi con regolarità.\n\n## Come funziona la nostra\n\nI membri pongono domande e rispondono, costruiscono insieme le pagine di questo wiki e si incontrano negli [[Formato degli incontri|incontri della comunità]]. I temi di lavoro sono raccolti in [[I dieci temi]]; l'accesso si apre per [[Fasi di apertura|fasi]].\n\n## Parole chiave\n\nLe definizioni condivise andranno nel [[Glossario]].".into())?;
    create(conn, &giulia, "Formato degli incontri", "Comunità di pratica", "Metodo, Agenda", "public", "Ogni incontro dura **4 ore** in due tempi, con un tema e attività collegate (visite di studio, corsi).\n\n## Primo tempo\n\n| Momento | Durata |\n|---|---|\n| Introduzione | 5' |\n| Talk degli esperti | 90' |\n| Question time | 25' |\n\n## Secondo tempo\n\n| Momento | Durata |\n|---|---|\n| Presentazione dei tavoli di networking | 5' |\n| Tavoli di networking | 90' |\n| Feedback e restituzione | 25' |\n\n## Domande\n\nLe domande si raccolgono prima e durante l'incontro; quelle senza risposta proseguono nelle Domande e risposte.".into())?;
    let temi: String = VENETO_THEMES
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{}. {t}\n", i + 1))
        .collect();
    create(conn, &luca, "I dieci temi", "Comunità di pratica", "Temi", "public", format!("I dieci temi delle comunità di pratica di *Veneto in Azione*, uno per incontro:\n\n{temi}\nPer il formato di ciascun incontro vedi [[Formato degli incontri]]."))?;
    create(conn, &giulia, "Fasi di apertura", "Comunità di pratica", "Metodo", "members", "L'accesso alla comunità si apre in tre fasi:\n\n1. **Chiusa**: solo le amministrazioni finanziate, con credenziali personali.\n2. **Estesa**: università, esperti e altri enti chiedono di entrare; i moderatori approvano.\n3. **Aperta**: chiunque legge le aree pubbliche e può registrarsi per partecipare al forum.\n\nVedi anche [[Comunità di pratica]].".into())?;
    overdue_review(conn, &giulia, phase)?;
    // A second member improves a page someone else wrote.
    let page = service::readable_page(conn, "comunita-di-pratica", &luca, phase)?.page;
    service::save(
        conn,
        &luca,
        phase,
        &page.slug,
        &SaveInput {
            lang: String::new(),
            title: page.title.clone(),
            body_md: page.body_md.replace(
                "imparano le une dalle altre",
                "imparano le une dalle altre, trasformando le risposte in conoscenza per tutti,",
            ),
            categories: "Metodo".into(),
            parent: String::new(),
            summary: "aggiunto lo scopo".into(),
            base_revision: page.revision,
        },
    )?;
    // The first accepted answer becomes a page of its own.
    if let Some((answer, title)) = accepted {
        service::promote(
            conn,
            &giulia,
            phase,
            &answer,
            &PromoteInput {
                mode: "new".into(),
                title,
            },
        )?;
    }
    Ok(())
}

/// Freshness: "Fasi di apertura" is kept by Luca Ferrari and its review date passed two weeks
/// ago, so readers see "Contenuto da rivedere" and it heads `/revisioni`. The form refuses a
/// past date, so the date is set ahead and then moved back, as time would have done.
fn overdue_review(conn: &mut DbConnection, who: &Viewer, phase: Phase) -> AppResult<()> {
    use prassi_db::schema::wiki_pages;
    let today = prassi_core::review::today();
    let slug = service::set_page_review(
        conn,
        who,
        phase,
        "fasi-di-apertura",
        Some(&prassi_core::review::ReviewInput {
            owner: "luca.ferrari".into(),
            review_by: (today + chrono::Days::new(30)).to_string(),
        }),
    )?;
    diesel::update(wiki_pages::table.filter(wiki_pages::slug.eq(slug)))
        .set(wiki_pages::review_by.eq(today - chrono::Days::new(14)))
        .execute(conn)?;
    Ok(())
}

/// The generated pages: linked to earlier pages, some with parents; one of 50 KB, first. Adds
/// the benchmark page `big-wiki-page`.
fn dataset(run: &mut Dataset<'_>) -> anyhow::Result<()> {
    let n = pages(run.size);
    let lanes = run.lanes;
    let members: &[Viewer] = &run.members;
    if members.is_empty() {
        anyhow::bail!("the wiki dataset needs the generated members");
    }
    let rng = &mut run.rng;
    let mut titles: Vec<String> = Vec::with_capacity(n);
    let mut page_ops: Vec<PageOp> = Vec::with_capacity(n);
    for i in 0..n {
        let title = if i == 0 {
            BIG_PAGE_TITLE.to_owned()
        } else {
            format!("{} ({})", capitalise(rng.word(OBJECTS)), i)
        };
        let body = if i == 0 {
            big_page(rng)
        } else {
            page_body(rng, &titles)
        };
        let parent = if i > 0 && rng.chance(0.2) {
            titles[rng.below(titles.len())].clone()
        } else {
            String::new()
        };
        let mut cats = vec![rng.word(CATEGORIES)];
        if rng.chance(0.4) {
            let c = rng.word(CATEGORIES);
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        page_ops.push(PageOp {
            author: rng.below(members.len()),
            title: title.clone(),
            body,
            parent,
            categories: cats.join(", "),
            audience: if i == 0 || rng.chance(0.5) {
                "public"
            } else {
                "members"
            },
        });
        titles.push(title);
    }
    // One lane: pages name their parents, written in order.
    let pages = lanes.write_in_order(&page_ops, |conn, op| {
        service::create(
            conn,
            &members[op.author],
            Phase::Closed,
            &PageInput {
                title: op.title.clone(),
                body_md: op.body.clone(),
                categories: op.categories.clone(),
                parent: op.parent.clone(),
                audience: op.audience.into(),
                summary: "prima stesura".into(),
                lang: String::new(),
            },
        )
    })?;
    run.timer.done("wiki pages", pages.len());
    run.pages.push((
        "big-wiki-page",
        pages
            .first()
            .map(|p| service::page_url(&p.slug))
            .unwrap_or_default(),
    ));
    Ok(())
}

struct PageOp {
    author: usize,
    title: String,
    body: String,
    parent: String,
    categories: String,
    audience: &'static str,
}

// ------------------------------------------------------------------------------ text

/// A wiki page of 1–5 KB with headings and links to earlier pages (and now and then to one
/// not written yet).
fn page_body(rng: &mut Rng, earlier: &[String]) -> String {
    let mut out = paragraph(rng, 2, 4);
    for _ in 0..1 + rng.below(3) {
        out.push_str(&format!("\n\n## {}\n\n", capitalise(rng.word(OBJECTS))));
        out.push_str(&paragraph(rng, 2, 5));
        if !earlier.is_empty() && rng.chance(0.7) {
            out.push_str(&format!(
                " Vedi anche [[{}]].",
                earlier[rng.below(earlier.len())]
            ));
        }
    }
    if rng.chance(0.1) {
        out.push_str(&format!(
            "\n\nDa scrivere: [[{} (bozza)]].",
            capitalise(rng.word(OBJECTS))
        ));
    }
    out
}

/// The 50 KB page: sections, lists and a table.
fn big_page(rng: &mut Rng) -> String {
    let mut out = String::from(
        "Questa guida raccoglie le esperienze della comunità sulla **co-progettazione** \
         (art. 55 del Codice del Terzo Settore), dalla programmazione alla valutazione.\n",
    );
    let mut section = 1;
    while out.len() < BIG_PAGE_BYTES {
        out.push_str(&format!(
            "\n## {section}. {}\n\n",
            capitalise(rng.word(OBJECTS))
        ));
        for _ in 0..3 {
            out.push_str(&paragraph(rng, 3, 5));
            out.push_str("\n\n");
        }
        if section % 3 == 0 {
            out.push_str("| Fase | Chi | Quando |\n|---|---|---|\n");
            for _ in 0..4 {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    capitalise(rng.word(OBJECTS)),
                    rng.word(SUBJECTS),
                    rng.word(COMPLEMENTS)
                ));
            }
            out.push('\n');
        } else {
            for _ in 0..3 {
                out.push_str(&format!(
                    "- {} {}\n",
                    rng.word(OBJECTS),
                    rng.word(COMPLEMENTS)
                ));
            }
        }
        section += 1;
    }
    out
}

// ------------------------------------------------------------------------------ vocabulary

const CATEGORIES: &[&str] = &[
    "Metodo",
    "Temi",
    "Strumenti",
    "Normativa",
    "Esperienze",
    "Valutazione",
    "Digitale",
];

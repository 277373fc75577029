//! `prassi demo`: fills a new database (no accounts, or administrators only, and no content)
//! with a believable community drawn from the source
//! documents — the organisations of Co.PIS, "Veneto in Azione", Formez, Emilia-Romagna and
//! "Territori inclusivi", and members of every role with profiles whose areas of expertise are
//! the ten "Veneto in Azione" themes and the Co.PIS topics; Q&A, forum and linked wiki pages
//! from the same sources. Later modules add their content here. `prassi demo --size` adds the
//! generated standard dataset on top ([`large`]).

pub mod large;

use diesel::prelude::*;
use prassi_accounts::service::{self, ProfileInput};
use prassi_core::access::{Account, Phase, Viewer};
use prassi_core::AppState;
use prassi_db::schema::users;
use prassi_db::{AccountStatus, DbConnection, OrganisationKind, Role};
use prassi_forum::service::{self as forum_service, CategoryInput, DiscussionInput};
use prassi_qa::service::{self as qa_service, QuestionInput, TagInput, VoteInput};
use prassi_wiki::service::{self as wiki_service, PageInput, PromoteInput, SaveInput};

/// The ten themes of the "Veneto in Azione" communities of practice.
pub const VENETO_THEMES: [&str; 10] = [
    "Innovazione sociale e Terzo Settore",
    "Inclusione e diversità",
    "Contrasto alla povertà",
    "Collaborazione pubblico-privato",
    "Rigenerazione urbana e mobilità",
    "Commercio nei centri urbani",
    "Digitalizzazione della PA",
    "Gestione associata dei servizi",
    "Sostenibilità urbana ed economia circolare",
    "Public management",
];

/// The Co.PIS starting topics.
pub const COPIS_TOPICS: [&str; 5] = [
    "Appalti per l'innovazione",
    "Misurazione e valutazione degli outcome",
    "Schemi PBR e contabilità pubblica",
    "Finanza di impatto",
    "Programmazione 2021-2027",
];

/// The demo logins to print.
pub struct Logins {
    pub password: String,
    pub accounts: Vec<(String, &'static str)>,
    /// Administrators that existed before, kept with their own passwords.
    pub kept: Vec<String>,
}

struct Person {
    username: &'static str,
    name: &'static str,
    role: Role,
    org: (&'static str, OrganisationKind, &'static str),
    job: &'static str,
    areas: &'static [&'static str],
    bio: &'static str,
    consent: bool,
}

fn people() -> Vec<Person> {
    use OrganisationKind::*;
    vec![
        Person {
            username: "admin",
            name: "Redazione Prassi",
            role: Role::Admin,
            org: ("Dipartimento della Funzione Pubblica", PublicAdministration, "Lazio"),
            job: "Coordinamento della comunità",
            areas: &["Comunità di pratica"],
            bio: "Account della redazione che coordina la comunità di pratica.",
            consent: false,
        },
        Person {
            username: "giulia.rossi",
            name: "Giulia Rossi",
            role: Role::Moderator,
            org: ("Formez PA", PublicAdministration, "Campania"),
            job: "Facilitatrice di comunità professionali",
            areas: &["Comunità di pratica", "Facilitazione", "Gestione associata dei servizi"],
            bio: "Accompagno **laboratori** e tavoli regionali; modero il forum e le richieste di adesione.",
            consent: true,
        },
        Person {
            username: "marco.bianchi",
            name: "Marco Bianchi",
            role: Role::Expert,
            org: ("Università Ca' Foscari Venezia", UniversityResearch, "Veneto"),
            job: "Ricercatore in valutazione delle politiche pubbliche",
            areas: &["Misurazione e valutazione degli outcome", "Finanza di impatto", "Schemi PBR e contabilità pubblica"],
            bio: "Mi occupo di *valutazione d'impatto* e di contratti Pay-by-Result per i servizi sociali.",
            consent: true,
        },
        Person {
            username: "elena.conti",
            name: "Elena Conti",
            role: Role::Expert,
            org: ("IRES Piemonte", UniversityResearch, "Piemonte"),
            job: "Esperta di governance dei partenariati",
            areas: &["Inclusione e diversità", "Collaborazione pubblico-privato", "Contrasto alla povertà"],
            bio: "Accompagno i partenariati di *Territori inclusivi* nella governance interna e nei rapporti con il territorio.",
            consent: true,
        },
        Person {
            username: "luca.ferrari",
            name: "Luca Ferrari",
            role: Role::Member,
            org: ("Regione del Veneto", PublicAdministration, "Veneto"),
            job: "Funzionario, Direzione Lavoro",
            areas: &["Innovazione sociale e Terzo Settore", "Rigenerazione urbana e mobilità"],
            bio: "Seguo il progetto *Veneto in Azione* e le study visit internazionali.",
            consent: true,
        },
        Person {
            username: "sara.gallo",
            name: "Sara Gallo",
            role: Role::Member,
            org: ("Comune di Padova", PublicAdministration, "Veneto"),
            job: "Responsabile transizione digitale",
            areas: &["Digitalizzazione della PA", "Appalti per l'innovazione"],
            bio: "Lavoro su servizi digitali, open data e lavoro agile nei Comuni.",
            consent: true,
        },
        Person {
            username: "paolo.greco",
            name: "Paolo Greco",
            role: Role::Member,
            org: ("Codici Ricerca e Intervento", ThirdSector, "Lombardia"),
            job: "Coordinatore di progetto",
            areas: &["Inclusione e diversità", "Contrasto alla povertà"],
            bio: "Coordino progetti di inclusione per persone con percorsi migratori.",
            consent: true,
        },
        Person {
            username: "anna.marino",
            name: "Anna Marino",
            role: Role::Member,
            org: ("Regione Emilia-Romagna", PublicAdministration, "Emilia-Romagna"),
            job: "Funzionaria, processi partecipativi",
            areas: &["Facilitazione", "Processi partecipativi"],
            bio: "Faccio parte della comunità di pratiche partecipative nata con *Pianeta Partecipazione*.",
            consent: false,
        },
    ]
}

/// Whether any administrator exists.
pub fn has_admin(conn: &mut DbConnection) -> anyhow::Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        users::table.filter(users::role.eq(Role::Admin)),
    ))
    .get_result(conn)?)
}

/// Whether the database holds any content: Q&A tags or questions, forum categories or
/// discussions, wiki pages.
fn has_content(conn: &mut DbConnection) -> QueryResult<bool> {
    use diesel::dsl::exists;
    use prassi_db::schema::{discussions, forum_categories, questions, tags, wiki_pages};
    Ok(
        diesel::select(exists(tags::table.select(tags::id))).get_result(conn)?
            || diesel::select(exists(questions::table.select(questions::id))).get_result(conn)?
            || diesel::select(exists(forum_categories::table.select(forum_categories::id)))
                .get_result(conn)?
            || diesel::select(exists(discussions::table.select(discussions::id)))
                .get_result(conn)?
            || diesel::select(exists(wiki_pages::table.select(wiki_pages::id))).get_result(conn)?,
    )
}

/// Fills a new database: one with no accounts, or whose only accounts are administrators (as
/// after `prassi user create --role admin`, which the README suggests first), and no content.
/// Existing administrators are kept as they are; a demo account whose username one of them
/// already has is not created. Refuses anything else, saying why, and changes nothing then.
pub fn fill(state: &AppState) -> anyhow::Result<Logins> {
    let mut conn = state.db.get()?;
    let existing: Vec<(String, Role)> = users::table
        .select((users::username, users::role))
        .order(users::username.asc())
        .load(&mut conn)?;
    let others: Vec<&str> = existing
        .iter()
        .filter(|(_, role)| *role != Role::Admin)
        .map(|(username, _)| username.as_str())
        .collect();
    if !others.is_empty() {
        anyhow::bail!(
            "the database already has {} account(s) that are not administrators (e.g. {}); `prassi demo` only fills a new database, with no accounts or administrators only",
            others.len(),
            others.iter().take(3).copied().collect::<Vec<_>>().join(", ")
        );
    }
    if has_content(&mut conn)? {
        anyhow::bail!(
            "the database already has content (Q&A tags or questions, forum categories or discussions, wiki pages); `prassi demo` only fills a new database"
        );
    }
    let kept: Vec<String> = existing.into_iter().map(|(username, _)| username).collect();
    let password = format!("demo-{}", prassi_core::tokens::random_token(9));
    let mut accounts = Vec::new();
    prassi_db::write_tx(&mut conn, |conn| -> prassi_core::AppResult<()> {
        for p in people() {
            if kept.iter().any(|k| k == p.username) {
                // An administrator already has this name: the demo content uses theirs.
                continue;
            }
            let org = service::find_or_create_organisation(conn, p.org.0, p.org.1, Some(p.org.2))?;
            let email = format!("{}@demo.prassi.invalid", p.username);
            let id = service::create_user_direct(conn, p.username, &email, p.name, &password, p.role, Some(&org))?;
            service::update_profile(
                conn,
                &id,
                &ProfileInput {
                    display_name: p.name.into(),
                    organisation: p.org.0.into(),
                    organisation_kind: Some(p.org.1.as_str().into()),
                    region: Some(p.org.2.into()),
                    job_title: Some(p.job.into()),
                    expertise: Some(p.areas.join(", ")),
                    bio_md: Some(p.bio.into()),
                    directory_consent: p.consent,
                },
            )?;
            accounts.push((p.username.to_owned(), p.role.as_str()));
        }
        // A membership request waiting for the moderators.
        let org = service::find_or_create_organisation(
            conn,
            "Comune di Torino",
            OrganisationKind::PublicAdministration,
            Some("Piemonte"),
        )?;
        let id = service::create_user_direct(
            conn,
            "davide.costa",
            "davide.costa@demo.prassi.invalid",
            "Davide Costa",
            &password,
            Role::Member,
            Some(&org),
        )?;
        diesel::update(users::table.find(&id))
            .set((
                users::status.eq(AccountStatus::Pending),
                users::request_note.eq("Lavoro sui servizi sociali del Comune e vorrei confrontarmi sul tema della co-progettazione con il Terzo Settore."),
            ))
            .execute(conn)?;
        accounts.push(("davide.costa".into(), "pending"));
        qa(conn)?;
        forum(conn)?;
        wiki(conn)?;
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Logins {
        password,
        accounts,
        kept,
    })
}

/// Tags of the Q&A vocabulary: the ten themes and the Co.PIS topics.
const TAGS: [(&str, &str); 15] = [
    ("innovazione-sociale", VENETO_THEMES[0]),
    ("inclusione", VENETO_THEMES[1]),
    ("contrasto-poverta", VENETO_THEMES[2]),
    ("pubblico-privato", VENETO_THEMES[3]),
    ("rigenerazione-urbana", VENETO_THEMES[4]),
    ("commercio-urbano", VENETO_THEMES[5]),
    ("digitalizzazione", VENETO_THEMES[6]),
    ("gestione-associata", VENETO_THEMES[7]),
    ("economia-circolare", VENETO_THEMES[8]),
    ("public-management", VENETO_THEMES[9]),
    ("appalti-innovazione", COPIS_TOPICS[0]),
    ("valutazione-outcome", COPIS_TOPICS[1]),
    ("pbr-contabilita", COPIS_TOPICS[2]),
    ("finanza-impatto", COPIS_TOPICS[3]),
    ("programmazione-2021-2027", COPIS_TOPICS[4]),
];

fn viewer(conn: &mut DbConnection, username: &str) -> prassi_core::AppResult<Viewer> {
    let (id, display_name, role, status) = users::table
        .filter(users::username.eq(username))
        .select((users::id, users::display_name, users::role, users::status))
        .first(conn)?;
    Ok(Viewer::Account(Account {
        id,
        username: username.into(),
        display_name,
        role,
        status,
        groups: Default::default(),
    }))
}

/// Questions from the community's themes: answered, accepted, expert answers, votes, comments
/// and one still waiting for an answer.
fn qa(conn: &mut DbConnection) -> prassi_core::AppResult<()> {
    for (name, description) in TAGS {
        qa_service::create_tag(
            conn,
            &TagInput {
                name: name.into(),
                description: description.into(),
            },
        )?;
    }
    let phase = Phase::Closed;
    let ask = |conn: &mut DbConnection,
               who: &str,
               title: &str,
               body: &str,
               tags: &str,
               audience: &str| {
        let v = viewer(conn, who)?;
        qa_service::ask(
            conn,
            &v,
            phase,
            &QuestionInput {
                lang: String::new(),
                title: title.into(),
                body_md: body.into(),
                tags: tags.into(),
                audience: audience.into(),
            },
        )
    };
    let answer = |conn: &mut DbConnection, who: &str, q: &prassi_db::QuestionId, body: &str| {
        let v = viewer(conn, who)?;
        qa_service::answer(conn, &v, phase, q, body)
    };
    let vote = |conn: &mut DbConnection, who: &str, kind: &str, id: &str, value: i32| {
        let v = viewer(conn, who)?;
        qa_service::vote(
            conn,
            &v,
            phase,
            &VoteInput {
                kind: kind.into(),
                id: id.into(),
                value,
            },
        )
        .map(|_| ())
    };

    let q1 = ask(conn, "luca.ferrari",
        "Come impostare un appalto pre-commerciale per un servizio sociale innovativo?",
        "Nel nostro progetto FIS vorremmo sperimentare un servizio di **assistenza domiciliare** con tecnologie che sul mercato ancora non esistono. \
         Qualcuno ha già usato un appalto pre-commerciale (PCP) per servizi sociali? Come avete definito le fasi e i criteri di valutazione?",
        "appalti-innovazione, innovazione-sociale", "members")?;
    let a1 = answer(conn, "marco.bianchi", &q1,
        "Sì: il PCP funziona bene se il fabbisogno è descritto in termini di **risultati attesi** e non di soluzioni.\n\n\
         1. Consultazione preliminare di mercato, aperta e documentata;\n2. tre fasi competitive (ideazione, prototipo, sperimentazione sul campo) con riduzione progressiva dei concorrenti;\n\
         3. criteri legati agli *outcome* per gli utenti, misurati in modo indipendente.\n\nFate attenzione alla ripartizione dei diritti di proprietà intellettuale: va decisa nel bando.")?;
    let a2 = answer(conn, "sara.gallo", &q1,
        "Noi a Padova abbiamo iniziato dalla consultazione di mercato: è servita anche a capire che una parte del servizio si poteva comprare con una gara ordinaria.")?;
    vote(conn, "sara.gallo", "question", q1.as_str(), 1)?;
    vote(conn, "luca.ferrari", "answer", a1.as_str(), 1)?;
    vote(conn, "paolo.greco", "answer", a1.as_str(), 1)?;
    vote(conn, "luca.ferrari", "answer", a2.as_str(), 1)?;
    let v = viewer(conn, "luca.ferrari")?;
    qa_service::accept(conn, &v, phase, &q1, Some(&a1))?;
    qa_service::comment(
        conn,
        &v,
        phase,
        &q1,
        Some(&a1),
        "Grazie, la parte sulla proprietà intellettuale ci era sfuggita.",
    )?;

    let q2 = ask(conn, "paolo.greco",
        "Quali indicatori di outcome usare per un progetto di inclusione lavorativa?",
        "Dobbiamo rendicontare al finanziatore non solo le attività ma gli **esiti** per le persone accolte. Che indicatori avete usato, e con quale follow-up?",
        "valutazione-outcome, inclusione", "members")?;
    let b1 = answer(conn, "elena.conti", &q2,
        "Tre famiglie di indicatori, concordate all'avvio con il finanziatore:\n\n\
         - **occupazione**: contratto attivo a 6 e 12 mesi dalla fine del percorso;\n- **autonomia**: abitazione e reddito, con una scala semplice;\n\
         - **relazioni**: rete di supporto dichiarata.\n\nMeglio pochi indicatori misurati bene che molti raccolti male.")?;
    let b2 = answer(conn, "marco.bianchi", &q2,
        "Aggiungo: se prevedete uno schema *pay-by-result*, definite prima il gruppo di confronto, altrimenti l'esito non è attribuibile al progetto.")?;
    vote(conn, "paolo.greco", "answer", b1.as_str(), 1)?;
    vote(conn, "luca.ferrari", "answer", b1.as_str(), 1)?;
    vote(conn, "paolo.greco", "answer", b2.as_str(), 1)?;
    let v = viewer(conn, "paolo.greco")?;
    qa_service::accept(conn, &v, phase, &q2, Some(&b1))?;

    let q3 = ask(conn, "sara.gallo",
        "Gestione associata dei servizi sociali: convenzione o unione di comuni?",
        "Quattro piccoli comuni vogliono gestire insieme i servizi sociali. Meglio una convenzione con comune capofila o un'unione? Quali problemi avete incontrato?",
        "gestione-associata, public-management", "members")?;
    answer(conn, "giulia.rossi", &q3,
        "Dipende dalla stabilità che cercate: la convenzione è più rapida da attivare, l'unione dà un'organizzazione propria. Nei laboratori Formez abbiamo visto funzionare bene la convenzione come primo passo.")?;
    vote(conn, "luca.ferrari", "question", q3.as_str(), 1)?;

    ask(conn, "luca.ferrari",
        "Esperienze di co-progettazione con il Terzo Settore dopo il Codice (art. 55)?",
        "Stiamo preparando un avviso di co-progettazione. Qualcuno può condividere come ha organizzato i tavoli e la valutazione delle proposte?",
        "innovazione-sociale, pubblico-privato", "members")?;

    ask(conn, "giulia.rossi",
        "Dove si trova il calendario degli incontri della comunità di pratica?",
        "Gli incontri durano quattro ore: introduzione, talk degli esperti, question time, tavoli di networking e restituzione. Dove trovo date e programma?",
        "public-management", "public")?;
    Ok(())
}

/// Forum categories drawn from the sources, with a few discussions, replies and mentions.
fn forum(conn: &mut DbConnection) -> prassi_core::AppResult<()> {
    for (position, (name, description, audience)) in [
        ("Benvenuti nella comunità", "Presentazioni, regole di partecipazione e domande sul funzionamento della piattaforma.", "public"),
        ("Strumenti amministrativi per l'innovazione sociale", "Appalti innovativi, co-progettazione, convenzioni e gestione associata.", "members"),
        ("Misurazione e valutazione", "Indicatori di outcome, schemi pay-by-result, finanza di impatto.", "members"),
        ("Incontri della comunità di pratica", "Programmi, materiali e restituzioni dei tavoli di networking.", "public"),
    ]
    .into_iter()
    .enumerate()
    {
        forum_service::create_category(
            conn,
            &CategoryInput { name: name.into(), description: description.into(), position: position as i32, audience: audience.into() },
        )?;
    }
    let phase = Phase::Closed;
    let v = |conn: &mut DbConnection, who: &str| viewer(conn, who);
    let giulia = v(conn, "giulia.rossi")?;
    let d1 = forum_service::start(conn, &giulia, phase, "benvenuti-nella-comunita", &DiscussionInput {
            lang: String::new(),
        title: "Presentiamoci: chi siamo e su cosa lavoriamo".into(),
        body_md: "Benvenute e benvenuti! Raccontate in poche righe il vostro ente, il progetto e **una domanda** che vi portate dietro.".into(),
    })?;
    let luca = v(conn, "luca.ferrari")?;
    forum_service::reply(conn, &luca, phase, &d1, "Luca, Regione del Veneto: seguo *Veneto in Azione*. La mia domanda: come far durare le relazioni nate nelle study visit?", None)?;
    let paolo = v(conn, "paolo.greco")?;
    forum_service::reply(conn, &paolo, phase, &d1, "Paolo, Codici: coordino progetti di inclusione. @elena.conti ci aveva dato ottimi spunti sulla governance dei partenariati.", None)?;

    let sara = v(conn, "sara.gallo")?;
    let d2 = forum_service::start(conn, &sara, phase, "strumenti-amministrativi-per-l-innovazione-sociale", &DiscussionInput {
            lang: String::new(),
        title: "Modelli di avviso per la co-progettazione (art. 55)".into(),
        body_md: "Stiamo raccogliendo avvisi di co-progettazione già pubblicati da altri comuni. Chi può condividere il proprio? @giulia.rossi potremmo farne una pagina del wiki.".into(),
    })?;
    forum_service::reply(
        conn,
        &giulia,
        phase,
        &d2,
        "Ottima idea: appena ne raccogliamo tre o quattro li confrontiamo in un tavolo di lavoro.",
        None,
    )?;

    let d3 = forum_service::start(conn, &giulia, phase, "incontri-della-comunita-di-pratica", &DiscussionInput {
            lang: String::new(),
        title: "Il formato dei nostri incontri: 4 ore, due tempi".into(),
        body_md: "Introduzione (5'), talk degli esperti (90'), question time (25'), presentazione dei tavoli (5'), tavoli di networking (90'), restituzione (25'). Le domande si raccolgono anche prima dell'incontro.".into(),
    })?;
    forum_service::moderate(
        conn,
        &giulia,
        phase,
        &d3,
        &forum_service::ModerationInput {
            action: "pin".into(),
            category: String::new(),
        },
    )?;
    Ok(())
}

/// Linked wiki pages drawn from the sources: what a community of practice is, the meeting
/// format, the ten themes, the phased opening; one page improved by a second member, one link
/// to a page not written yet, and an accepted answer promoted from Q&A.
fn wiki(conn: &mut DbConnection) -> prassi_core::AppResult<()> {
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
        wiki_service::create(
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
    // A second member improves a page someone else wrote.
    let page = wiki_service::readable_page(conn, "comunita-di-pratica", &luca, phase)?.page;
    wiki_service::save(
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
    let accepted: Option<(prassi_db::AnswerId, String)> = prassi_db::schema::questions::table
        .filter(prassi_db::schema::questions::accepted_answer_id.is_not_null())
        .order(prassi_db::schema::questions::created_at.asc())
        .select((
            prassi_db::schema::questions::accepted_answer_id.assume_not_null(),
            prassi_db::schema::questions::title,
        ))
        .first(conn)
        .optional()?;
    if let Some((answer, title)) = accepted {
        wiki_service::promote(
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

//! Reply by email: real RFC 5322 messages as mail clients write them (Gmail's
//! multipart/alternative with quoted-printable UTF-8, an Italian Outlook reply in
//! ISO-8859-1, Thunderbird's format=flowed with a signature, Apple Mail's HTML-only reply)
//! delivered through the two doors (the function `prassi mail receive` calls, and
//! `POST /api/v1/mail/inbound` through the whole HTTP stack) become answers, comments, forum
//! replies and talk messages with only the new text; unknown, reused and forged ones, oversized
//! and automatic ones, and replies from members who lost access are refused, post nothing and
//! are logged.

use std::sync::Arc;

use super::*;
use actix_web::test as atest;
use diesel::prelude::*;
use prassi_core::notify::{ItemKind, ItemRef};
use prassi_db::schema::{
    answers, forum_posts, mail_reply_log, mail_reply_tokens, qa_comments, users, wiki_talk,
};
use prassi_db::UserId;
use prassi_notifications::mail::{self, Outcome, Reason, Source};

const SECRET: &str = "un-segreto-lungo-condiviso-con-il-servizio-di-posta";

/// `app` with reply by email on: `risposte@example.org` and the inbound secret.
fn enable(mut app: TestApp) -> TestApp {
    let config = Arc::make_mut(&mut app.platform.state.config);
    config.mail_replies.address = Some("risposte@example.org".into());
    config.mail_replies.inbound_secret = Some(SECRET.into());
    app
}

/// The reply address a notification to `who` about the item would carry.
fn address_for(app: &TestApp, who: &str, kind: ItemKind, id: &impl std::fmt::Display) -> String {
    let user = app.user_id(who);
    let config = app.platform.state.config.clone();
    prassi_db::write_tx(&mut app.conn(), |c| {
        mail::reply_address(c, &config, &user, &ItemRef::new(kind, id))
    })
    .unwrap()
    .expect("reply by email is configured")
}

/// Delivers through the function `prassi mail receive` runs; returns its exit status.
fn pipe(app: &TestApp, raw: &str) -> i32 {
    mail::cli::receive_from(&app.platform.state, raw.as_bytes())
}

/// Delivers through `POST /api/v1/mail/inbound` with `secret` as bearer (if any).
async fn webhook(
    app: &TestApp,
    secret: Option<&str>,
    raw: &str,
) -> (StatusCode, serde_json::Value) {
    let svc = atest::init_service(prassi_server::app(&app.platform)).await;
    let mut req = atest::TestRequest::post()
        .uri("/api/v1/mail/inbound")
        .insert_header(("content-type", "message/rfc822"))
        .set_payload(raw.as_bytes().to_vec());
    if let Some(s) = secret {
        req = req.insert_header(("authorization", format!("Bearer {s}")));
    }
    let resp = atest::call_service(&svc, req.to_request()).await;
    let status = resp.status();
    let body = atest::read_body(resp).await;
    (
        status,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    )
}

/// The log: (source, outcome, item kind), oldest first.
fn log(app: &TestApp) -> Vec<(String, String, Option<String>)> {
    mail_reply_log::table
        .order((mail_reply_log::received_at.asc(), mail_reply_log::id.asc()))
        .select((
            mail_reply_log::source,
            mail_reply_log::outcome,
            mail_reply_log::item_kind,
        ))
        .load(&mut app.conn())
        .unwrap()
}

fn entry(source: &str, outcome: &str, kind: Option<&str>) -> (String, String, Option<String>) {
    (source.into(), outcome.into(), kind.map(Into::into))
}

/// Whether the reply address has been used.
fn used(app: &TestApp, address: &str) -> bool {
    let token = address
        .split_once('+')
        .unwrap()
        .1
        .split_once('@')
        .unwrap()
        .0;
    mail_reply_tokens::table
        .find(prassi_core::tokens::digest(token))
        .select(mail_reply_tokens::used_at)
        .first::<Option<chrono::NaiveDateTime>>(&mut app.conn())
        .unwrap()
        .is_some()
}

fn count_answers(app: &TestApp) -> i64 {
    answers::table.count().get_result(&mut app.conn()).unwrap()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// What the Gmail reply says, once decoded and without the quote.
const GMAIL_TEXT: &str = "Nel nostro comune abbiamo usato il MePA per gli affidamenti sotto soglia: funziona, ma serve una determina a contrarre per ogni acquisto.\n\nPerché non proviamo insieme? Si può fare.";

/// A Gmail reply: multipart/alternative, quoted-printable UTF-8, encoded subject, the
/// notification quoted under an attribution line.
fn gmail(from: &str, to: &str) -> String {
    crlf(&format!(
        r#"Return-Path: <{from}>
Delivered-To: {to}
Received: from mail-wr1-f41.google.com (mail-wr1-f41.google.com [209.85.221.41])
	by mx.example.org (Postfix) with ESMTPS id 4F2A81C0042
	for <{to}>; Mon,  7 Dec 2026 10:15:02 +0100 (CET)
MIME-Version: 1.0
References: <notifica-1@example.org>
In-Reply-To: <notifica-1@example.org>
From: Anna Bianchi <{from}>
Date: Mon, 7 Dec 2026 10:14:51 +0100
Message-ID: <CAF=abc123xyz@mail.gmail.com>
Subject: =?UTF-8?Q?Re=3A_Nuova_domanda_=E2=80=9CCome_si_fa=3F=E2=80=9D?=
To: Prassi <{to}>
Content-Type: multipart/alternative; boundary="000000000000a1b2c3d4e5f6"

--000000000000a1b2c3d4e5f6
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Nel nostro comune abbiamo usato il MePA per gli affidamenti sotto soglia: =
funziona, ma serve una determina a contrarre per ogni acquisto.

Perch=C3=A9 non proviamo insieme? Si pu=C3=B2 fare.

On Mon, 7 Dec 2026 at 09:58, Prassi <{to}> wrote:

> Bruno ha fatto una domanda: Come si fa un affidamento diretto?
> Rispondi a questa email per rispondere.
>

--000000000000a1b2c3d4e5f6
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Nel nostro comune abbiamo usato il MePA per gli affidament=
i sotto soglia: funziona, ma serve una determina a contrarre per ogni acqui=
sto.<div><br></div><div>Perch=C3=A9 non proviamo insieme? Si pu=C3=B2 fare.=
</div></div><br><div class=3D"gmail_quote"><div dir=3D"ltr" class=3D"gmail_=
attr">On Mon, 7 Dec 2026 at 09:58, Prassi &lt;{to}&gt; wrote:<br></div><blo=
ckquote class=3D"gmail_quote">Bruno ha fatto una domanda: Come si fa un aff=
idamento diretto?<br>Rispondi a questa email per rispondere.</blockquote></=
div>

--000000000000a1b2c3d4e5f6--
"#
    ))
}

/// What the Outlook reply says, decoded from ISO-8859-1 and without the header block.
const OUTLOOK_TEXT: &str = "Grazie, la determina tipo è proprio quello che cercavo. La giro all'ufficio ragioneria.\n\nCordiali saluti\nMario Rossi";

/// An Italian Outlook reply: ISO-8859-1 quoted-printable, the notification below a rule and
/// a "Da:/Inviato:/A:/Oggetto:" block.
fn outlook(from: &str, to: &str) -> String {
    crlf(&format!(
        r#"Received: from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:1::1)
 by mx.example.org with HTTPS; Mon, 7 Dec 2026 11:02:14 +0000
From: "Rossi Mario" <{from}>
To: Prassi <{to}>
Subject: R: Nuova risposta alla tua domanda
Thread-Topic: Nuova risposta alla tua domanda
Thread-Index: AQHZ1234567890abcdef==
Date: Mon, 7 Dec 2026 11:02:13 +0000
Message-ID: <AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.exchangelabs.com>
Accept-Language: it-IT, en-US
Content-Language: it-IT
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
MIME-Version: 1.0
Content-Type: multipart/alternative;
	boundary="_000_AM0PR01MB1234ABCD_"

--_000_AM0PR01MB1234ABCD_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Grazie, la determina tipo =E8 proprio quello che cercavo. La giro all'uffic=
io ragioneria.

Cordiali saluti
Mario Rossi

________________________________
Da: Prassi <{to}>
Inviato: luned=EC 7 dicembre 2026 10:58
A: Rossi Mario <{from}>
Oggetto: Nuova risposta alla tua domanda

Anna ha risposto alla tua domanda =ABCome si fa un affidamento diretto?=BB.

--_000_AM0PR01MB1234ABCD_
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=
=3Diso-8859-1"></head><body><div>Grazie, la determina tipo =E8 proprio quel=
lo che cercavo. La giro all'ufficio ragioneria.</div><div>Cordiali saluti<b=
r>Mario Rossi</div><hr><div id=3D"divRplyFwdMsg"><b>Da:</b> Prassi<br><b>In=
viato:</b> luned=EC 7 dicembre 2026 10:58<br><b>Oggetto:</b> Nuova risposta=
</div><div>Anna ha risposto alla tua domanda.</div></body></html>

--_000_AM0PR01MB1234ABCD_--
"#
    ))
}

/// What the Thunderbird reply says.
const THUNDERBIRD_TEXT: &str = "Anche noi abbiamo avuto lo stesso problema con la piattaforma.\nCi siamo fatti aiutare dal responsabile per la transizione digitale.";

/// A Thunderbird reply: 8-bit UTF-8, format=flowed, Italian attribution, quoted lines and a
/// signature.
fn thunderbird(from: &str, to: &str) -> String {
    crlf(&format!(
        r#"Message-ID: <6b1f2c3d-4e5f-6789-abcd-ef0123456789@comune.example.it>
Date: Mon, 7 Dec 2026 12:30:45 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: Nuova risposta in =?UTF-8?Q?=C2=ABPiattaforme_di_e-procurement=C2=BB?=
Content-Language: it
To: Prassi <{to}>
From: Carla Verdi <{from}>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Anche noi abbiamo avuto lo stesso problema con la piattaforma.
Ci siamo fatti aiutare dal responsabile per la transizione digitale.

Il 07/12/2026 11:45, Prassi ha scritto:
> Anna ha risposto nella discussione «Piattaforme di e-procurement»:
>
> Qualcuno ha esperienza?

-- 
Carla Verdi
Ufficio gare, Comune di Prova
"#
    ))
}

/// An Apple Mail reply with only an HTML part.
fn apple_mail(from: &str, to: &str) -> String {
    crlf(&format!(
        r#"From: Anna Bianchi <{from}>
Content-Type: text/html;
	charset=utf-8
Content-Transfer-Encoding: quoted-printable
Mime-Version: 1.0 (Mac OS X Mail 16.0 \(3774.600.62\))
Subject: Re: Pagina modificata: Guida agli affidamenti
Date: Mon, 7 Dec 2026 14:00:00 +0100
To: Prassi <{to}>
Message-Id: <A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF@example.org>

<html><head><meta http-equiv=3D"content-type" content=3D"text/html; =
charset=3Dutf-8"></head><body style=3D"overflow-wrap: break-word;">Ho =
aggiunto la sezione sui tempi.<br><div><br><blockquote type=3D"cite"><div>Il =
giorno 7 dic 2026, alle ore 13:50, Prassi &lt;{to}&gt; ha scritto:</div><br><div>La pagina =C3=A8 stata modificata.</div></blockquote></div></body></html>
"#
    ))
}

/// A short plain reply.
fn plain(from: &str, to: &str, text: &str) -> String {
    crlf(&format!(
        "From: <{from}>\nTo: <{to}>\nSubject: Re: notifica\nDate: Mon, 7 Dec 2026 15:00:00 +0100\nMessage-ID: <{}@example.org>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{text}\n",
        uuid::Uuid::now_v7().simple()
    ))
}

both_backends! {
    async fn a_gmail_reply_to_a_question_becomes_an_answer_with_only_the_new_text(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let title = "Come si fa un affidamento diretto?";
        let q = app.question("bruno", title).create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        assert!(to.starts_with("risposte+") && to.ends_with("@example.org"), "{to}");
        assert_eq!(to.len(), "risposte+@example.org".len() + 32, "128 bits in hex: {to}");

        assert_eq!(pipe(&app, &gmail("anna@example.org", &to)), 0);
        let (author, body): (UserId, String) = answers::table
            .filter(answers::question_id.eq(&q.id))
            .select((answers::author_id, answers::body_md))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(author, app.user_id("anna"));
        assert_eq!(body, GMAIL_TEXT);
        assert!(used(&app, &to));
        assert_eq!(log(&app), [entry("cli", "accepted", Some("answer"))]);

        // Another member sees the answer on the question's page, and nothing of the quote.
        let mut c = app.signed_in_as("bruno").await;
        let page = c.get(&prassi_qa::service::question_url(&q.id, title)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Si può fare."), "{}", page.body);
        assert!(!page.body.contains("Rispondi a questa email"));
    }
}

both_backends! {
    async fn an_italian_outlook_reply_to_an_answer_becomes_a_comment_through_the_webhook(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").answer("anna", "Con la determina tipo.").create();
        let answer = &q.answers[0];
        let to = address_for(&app, "bruno", ItemKind::Answer, answer);

        let (status, json) = webhook(&app, Some(SECRET), &outlook("bruno@example.org", &to)).await;
        assert_eq!(status, StatusCode::CREATED, "{json}");
        assert_eq!(json["item_kind"], "qa_comment");
        let url = json["url"].as_str().unwrap();
        assert!(url.starts_with(&format!("/qa/questions/{}/", q.id)) && url.ends_with(&format!("#risposta-{answer}")), "{url}");
        let (author, on, body): (UserId, Option<prassi_db::AnswerId>, String) = qa_comments::table
            .filter(qa_comments::id.eq(json["item_id"].as_str().unwrap()))
            .select((qa_comments::author_id, qa_comments::answer_id, qa_comments::body))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!((author, on.as_ref(), body.as_str()), (app.user_id("bruno"), Some(answer), OUTLOOK_TEXT));

        // A reply to that comment is a comment beside it, on the same answer.
        let comment = json["item_id"].as_str().unwrap().to_owned();
        let to = address_for(&app, "anna", ItemKind::QaComment, &comment);
        assert_eq!(pipe(&app, &plain("anna@example.org", &to, "Prego, buon lavoro!")), 0);
        let beside: Vec<(Option<prassi_db::AnswerId>, String)> = qa_comments::table
            .filter(qa_comments::author_id.eq(app.user_id("anna")))
            .select((qa_comments::answer_id, qa_comments::body))
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(beside, [(Some(answer.clone()), "Prego, buon lavoro!".to_owned())]);
        assert_eq!(log(&app), [entry("http", "accepted", Some("qa_comment")), entry("cli", "accepted", Some("qa_comment"))]);
    }
}

both_backends! {
    async fn a_thunderbird_reply_to_a_forum_post_becomes_a_reply_in_its_discussion(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.user("carla", Role::Member);
        let category = app.forum_category("Appalti", "members");
        let d = app.discussion("bruno", &category, "Piattaforme di e-procurement").reply("anna", "Qualcuno ha esperienza?").create();
        let to = address_for(&app, "carla", ItemKind::ForumPost, &d.replies[0]);
        assert_eq!(pipe(&app, &thunderbird("carla@example.org", &to)), 0);
        let latest = || -> (UserId, String) {
            forum_posts::table
                .filter(forum_posts::discussion_id.eq(&d.id))
                .order((forum_posts::created_at.desc(), forum_posts::id.desc()))
                .select((forum_posts::author_id, forum_posts::body_md))
                .first(&mut app.conn())
                .unwrap()
        };
        assert_eq!(latest(), (app.user_id("carla"), THUNDERBIRD_TEXT.to_owned()));

        // A notification about the discussion itself: the reply goes in it too.
        let to = address_for(&app, "anna", ItemKind::Discussion, &d.id);
        assert_eq!(pipe(&app, &plain("anna@example.org", &to, "Grazie a tutte e due.")), 0);
        assert_eq!(latest(), (app.user_id("anna"), "Grazie a tutte e due.".to_owned()));
        assert_eq!(log(&app), [entry("cli", "accepted", Some("forum_post")), entry("cli", "accepted", Some("forum_post"))]);
    }
}

both_backends! {
    async fn an_html_only_reply_to_a_wiki_page_becomes_a_talk_message(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        let page = app.wiki_page("bruno", "Guida agli affidamenti").create();
        let to = address_for(&app, "anna", ItemKind::WikiPage, &page.id);
        let outcome = mail::receive(&mut app.conn(), &app.platform.state.config, apple_mail("anna@example.org", &to).as_bytes(), Source::Cli).unwrap();
        let Outcome::Accepted(accepted) = outcome else { panic!("{outcome:?}") };
        assert_eq!(accepted.item_kind, "wiki_talk");
        assert!(accepted.url.starts_with(&format!("/wiki/p/{}/discussione", page.slug)), "{}", accepted.url);
        let talk: Vec<String> = wiki_talk::table.filter(wiki_talk::page_id.eq(&page.id)).select(wiki_talk::body_md).load(&mut app.conn()).unwrap();
        assert_eq!(talk, ["Ho aggiunto la sezione sui tempi."]);

        // A reply to a talk message is another talk message on the same page.
        let to = address_for(&app, "bruno", ItemKind::WikiTalk, &accepted.item_id);
        assert_eq!(pipe(&app, &plain("bruno@example.org", &to, "Ottimo, grazie.")), 0);
        let count: i64 = wiki_talk::table.filter(wiki_talk::page_id.eq(&page.id)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(count, 2);
    }
}

both_backends! {
    async fn a_reply_address_works_once(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        let message = gmail("anna@example.org", &to);
        assert_eq!(pipe(&app, &message), 0);
        assert_eq!(pipe(&app, &message), mail::EX_NOUSER, "the same message delivered again");
        let (status, json) = webhook(&app, Some(SECRET), &message).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(json["reason"], "used_token");
        assert_eq!(json["error"]["message"], "mail-reply-used-token");
        assert_eq!(count_answers(&app), 1);
        assert_eq!(log(&app), [
            entry("cli", "accepted", Some("answer")),
            entry("cli", "used_token", None),
            entry("http", "used_token", None),
        ]);
    }
}

both_backends! {
    async fn the_same_message_delivered_twice_at_once_posts_once(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        let message = gmail("anna@example.org", &to);
        let state = &app.platform.state;
        let barrier = std::sync::Barrier::new(2);
        let outcomes: Vec<Outcome> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..2)
                .map(|_| {
                    s.spawn(|| {
                        let mut conn = state.db.get().unwrap();
                        barrier.wait();
                        mail::receive(&mut conn, &state.config, message.as_bytes(), Source::Http).unwrap()
                    })
                })
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        let accepted = outcomes.iter().filter(|o| matches!(o, Outcome::Accepted(_))).count();
        let reused = outcomes.iter().filter(|o| matches!(o, Outcome::Refused(Reason::UsedToken))).count();
        assert_eq!((accepted, reused), (1, 1), "{outcomes:?}");
        assert_eq!(count_answers(&app), 1);
    }
}

both_backends! {
    async fn unknown_reply_addresses_and_mail_without_one_are_refused(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        // One digit changed: a token never issued.
        let (head, tail) = to.split_at(12);
        let flipped = if tail.starts_with('0') { '1' } else { '0' };
        let unknown = format!("{head}{flipped}{}", &tail[1..]);
        assert_eq!(pipe(&app, &gmail("anna@example.org", &unknown)), mail::EX_NOUSER);
        assert_eq!(pipe(&app, &plain("anna@example.org", "risposte+nonesiste@example.org", "Ciao")), mail::EX_NOUSER);
        assert_eq!(pipe(&app, &plain("anna@example.org", "info@example.org", "Ciao")), mail::EX_NOUSER);
        assert_eq!(pipe(&app, ""), mail::EX_DATAERR, "not a message at all");
        assert_eq!(count_answers(&app), 0);
        assert!(!used(&app, &to));
        assert_eq!(log(&app), [
            entry("cli", "unknown_token", None),
            entry("cli", "unknown_token", None),
            entry("cli", "no_token", None),
            entry("cli", "unparsable", None),
        ]);
    }
}

both_backends! {
    async fn a_forged_sender_is_refused_and_the_address_still_works_for_its_member(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        // Bruno (or anyone) who learnt Anna's reply address cannot answer in her name.
        assert_eq!(pipe(&app, &gmail("bruno@example.org", &to)), mail::EX_NOUSER);
        let forged = gmail("anna@example.org", &to).replacen(
            "From: Anna Bianchi <anna@example.org>",
            "From: Anna Bianchi <anna@example.org>, Bruno <bruno@example.org>",
            1,
        );
        assert_eq!(pipe(&app, &forged), mail::EX_NOUSER, "two senders");
        assert_eq!(count_answers(&app), 0);
        assert!(!used(&app, &to));
        // Her own address, in whatever case her client writes it.
        let real = gmail("anna@example.org", &to).replacen("<anna@example.org>", "<Anna@EXAMPLE.org>", 1);
        assert_eq!(pipe(&app, &real), 0);
        assert_eq!(count_answers(&app), 1);
        let anna = Some(app.user_id("anna"));
        let users: Vec<(String, Option<UserId>)> = mail_reply_log::table
            .order((mail_reply_log::received_at.asc(), mail_reply_log::id.asc()))
            .select((mail_reply_log::outcome, mail_reply_log::user_id))
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(users, [
            ("wrong_sender".to_owned(), anna.clone()),
            ("wrong_sender".to_owned(), anna.clone()),
            ("accepted".to_owned(), anna),
        ]);
    }
}

both_backends! {
    async fn an_oversized_message_is_refused_before_it_is_read_whole(app) {
        let mut app = enable(app);
        Arc::make_mut(&mut app.platform.state.config).mail_replies.max_bytes = 4096;
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        let big = gmail("anna@example.org", &to).replacen(
            "Si pu=C3=B2 fare.",
            &format!("Si pu=C3=B2 fare.\r\n{}", "Allegato incollato nel testo. ".repeat(200)),
            1,
        );
        assert!(big.len() > 4096);
        assert_eq!(pipe(&app, &big), mail::EX_DATAERR);
        let (status, json) = webhook(&app, Some(SECRET), &big).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{json}");
        assert_eq!(json["reason"], "too_large");
        assert_eq!(count_answers(&app), 0);
        assert!(!used(&app, &to));
        let sizes: Vec<(String, i64)> = mail_reply_log::table
            .select((mail_reply_log::outcome, mail_reply_log::size_bytes))
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(sizes, [("too_large".to_owned(), 4097), ("too_large".to_owned(), 4097)], "read one byte past the limit, no more");
        // Within the limit, the same reply goes through.
        assert_eq!(pipe(&app, &gmail("anna@example.org", &to)), 0);
    }
}

both_backends! {
    async fn replies_from_a_member_who_left_the_group_or_was_suspended_or_to_a_closed_question_are_refused(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.user("carla", Role::Member);
        app.tag("appalti", "Appalti");
        let g = app.group("bruno", "Appalti verdi").member("anna").member("carla").create();
        let q = app.question("bruno", "Criteri ambientali minimi negli appalti?").audience(&format!("group:{}", g.id)).create();
        let for_anna = address_for(&app, "anna", ItemKind::Question, &q.id);
        let for_carla = address_for(&app, "carla", ItemKind::Question, &q.id);
        // Anna leaves the group: the question is no longer hers to read.
        let anna = app.viewer("anna");
        let phase = app.phase();
        prassi_db::write_tx(&mut app.conn(), |c| prassi_groups::service::leave(c, &anna, phase, &g.slug)).unwrap();
        assert_eq!(pipe(&app, &gmail("anna@example.org", &for_anna)), mail::EX_NOPERM);
        // Carla is suspended.
        diesel::update(users::table.filter(users::username.eq("carla")))
            .set(users::status.eq(prassi_db::AccountStatus::Suspended))
            .execute(&mut app.conn())
            .unwrap();
        assert_eq!(pipe(&app, &plain("carla@example.org", &for_carla, "Io userei i CAM.")), mail::EX_NOPERM);
        // A question closed since the notification: the answer it would be is refused.
        app.user("moderatrice", Role::Moderator);
        let closing = app.question("bruno", "Una domanda che verrà chiusa").create();
        let for_bruno = address_for(&app, "bruno", ItemKind::Question, &closing.id);
        let moderator = app.viewer("moderatrice");
        let input = prassi_qa::service::CloseInput { reason: "off_topic".into(), note: "Fuori tema.".into(), ..Default::default() };
        prassi_db::write_tx(&mut app.conn(), |c| prassi_qa::service::close(c, &moderator, phase, &closing.id, &input)).unwrap();
        assert_eq!(pipe(&app, &plain("bruno@example.org", &for_bruno, "Ecco come.")), mail::EX_NOPERM);
        assert_eq!(count_answers(&app), 0);
        // A refused reply does not spend the address.
        assert!(!used(&app, &for_anna) && !used(&app, &for_carla) && !used(&app, &for_bruno));
        assert_eq!(log(&app), [entry("cli", "no_access", None), entry("cli", "suspended", None), entry("cli", "closed", None)]);
    }
}

both_backends! {
    async fn automatic_replies_and_replies_with_nothing_new_are_refused(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        let vacation = plain("anna@example.org", &to, "Sono fuori ufficio fino al 10 dicembre.")
            .replacen("MIME-Version: 1.0", "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0", 1);
        assert_eq!(pipe(&app, &vacation), mail::EX_DATAERR);
        let quoted_only = plain("anna@example.org", &to, "\nOn Mon, 7 Dec 2026 at 09:58, Prassi wrote:\n> Bruno ha fatto una domanda.\n\n-- \nAnna");
        assert_eq!(pipe(&app, &quoted_only), mail::EX_DATAERR);
        // Too long for where it goes: the usual validation (a comment has at most 600 characters).
        let answer = prassi_db::write_tx(&mut app.conn(), |c| {
            prassi_qa::service::answer(c, &app.viewer("bruno"), app.phase(), &q.id, "Una risposta.")
        }).unwrap();
        let on_answer = address_for(&app, "anna", ItemKind::Answer, &answer);
        assert_eq!(pipe(&app, &plain("anna@example.org", &on_answer, &"parola ".repeat(120))), mail::EX_DATAERR);
        assert_eq!(count_answers(&app), 1);
        let comments: i64 = qa_comments::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(comments, 0);
        assert!(!used(&app, &to) && !used(&app, &on_answer));
        assert_eq!(log(&app), [entry("cli", "auto_reply", None), entry("cli", "empty", None), entry("cli", "invalid", None)]);
    }
}

both_backends! {
    async fn the_webhook_needs_its_secret_and_is_absent_when_not_configured(app) {
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Appalti");
        let q = app.question("bruno", "Come si fa un affidamento diretto?").create();
        // Not configured: no reply addresses, no endpoint, and the command says so.
        let anna = app.user_id("anna");
        let none = prassi_db::write_tx(&mut app.conn(), |c| {
            mail::reply_address(c, &app.platform.state.config, &anna, &ItemRef::new(ItemKind::Question, &q.id))
        }).unwrap();
        assert_eq!(none, None);
        let (status, _) = webhook(&app, Some(SECRET), &plain("anna@example.org", "risposte+x@example.org", "Ciao")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(pipe(&app, "From: <anna@example.org>\r\n\r\nCiao\r\n"), mail::EX_UNAVAILABLE);

        let app = enable(app);
        // Only items a reply can go under get an address.
        let member = prassi_db::write_tx(&mut app.conn(), |c| {
            mail::reply_address(c, &app.platform.state.config, &anna, &ItemRef::new(ItemKind::Member, &anna))
        }).unwrap();
        assert_eq!(member, None);
        let to = address_for(&app, "anna", ItemKind::Question, &q.id);
        let message = gmail("anna@example.org", &to);
        for secret in [None, Some("sbagliato"), Some(&SECRET[1..])] {
            let (status, json) = webhook(&app, secret, &message).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{secret:?}");
            assert_eq!(json["error"]["kind"], "unauthorized");
        }
        assert_eq!(count_answers(&app), 0);
        assert!(log(&app).is_empty(), "unauthenticated calls are not deliveries");
        let (status, json) = webhook(&app, Some(SECRET), &message).await;
        assert_eq!(status, StatusCode::CREATED, "{json}");
        assert_eq!(json["item_kind"], "answer");
        assert!(json["url"].as_str().unwrap().contains(&format!("#risposta-{}", json["item_id"].as_str().unwrap())));
        assert_eq!(count_answers(&app), 1);
        assert_eq!(log(&app), [entry("http", "accepted", Some("answer"))]);
    }
}

both_backends! {
    async fn old_reply_addresses_and_log_lines_are_pruned_by_the_hourly_pass(app) {
        let app = enable(app);
        app.user("anna", Role::Member);
        app.tag("appalti", "");
        let q = app.question("anna", "Domanda per la potatura").tags("appalti").create();
        let address = address_for(&app, "anna", ItemKind::Question, &q.id);
        assert_eq!(pipe(&app, "From: x@example.net\r\nTo: nessuno+sconosciuto@example.org\r\nSubject: x\r\n\r\nciao\r\n"), mail::EX_NOUSER);
        let count = |app: &TestApp| -> (i64, i64) {
            let mut c = app.conn();
            (
                mail_reply_tokens::table.count().get_result(&mut c).unwrap(),
                mail_reply_log::table.count().get_result(&mut c).unwrap(),
            )
        };
        assert_eq!(count(&app), (1, 1));
        let now = prassi_db::now();
        // A day, then half a year: the address lasts 180 days, the log a year.
        assert_eq!(mail::prune(&mut app.conn(), now + chrono::Duration::days(1)).unwrap(), 0);
        assert_eq!(mail::prune(&mut app.conn(), now + chrono::Duration::days(181)).unwrap(), 1);
        assert_eq!(count(&app), (0, 1));
        // The pruned address is now unknown: a late reply is refused, and logged.
        let raw = format!("From: anna@example.org\r\nTo: {address}\r\nSubject: Re\r\n\r\nRisposta tardiva.\r\n");
        assert_eq!(pipe(&app, &raw), mail::EX_NOUSER);
        assert_eq!(mail::prune(&mut app.conn(), now + chrono::Duration::days(366)).unwrap(), 2);
        assert_eq!(count(&app), (0, 0));
    }
}

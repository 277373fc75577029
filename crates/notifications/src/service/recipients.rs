//! Who should hear about an event: the people the item is about (the asker of a question that
//! got an answer, the member named in a mention, the invitee), the participants of its thread,
//! and those who watch it, less those who muted it. Each list is read with a bounded query
//! (participants and watchers up to [`MAX_RECIPIENTS`]); whether each may read the item is
//! decided afterwards, by the access rule, in `deliver`.

use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::notify::{EventKind, ItemKind};
use prassi_db::schema::{
    agenda_registrations, answers, discussions, expert_invitations, forum_categories, forum_posts,
    group_invitations, group_members, group_publications, group_requests, invitations, mentions,
    notification_watches, poll_participants, poll_votes, polls, qa_comments, question_tags,
    questionnaire_responses, questionnaires, questions, users, wiki_pages, wiki_promotions,
    wiki_talk, wiki_watches,
};
use prassi_db::{DbConnection, GroupId, GroupRole, RegistrationStatus, Role, UserId};

/// Most recipients one event is delivered to.
pub const MAX_RECIPIENTS: i64 = 1000;

/// Watch levels.
pub const WATCHING: &str = "watching";
pub const NORMAL: &str = "normal";
pub const MUTED: &str = "muted";

/// The members who should hear about `kind` on the item, in order, without repeats (the
/// actor and muters are removed by the caller and here).
pub fn recipients(
    conn: &mut DbConnection,
    kind: EventKind,
    item: ItemKind,
    id: &str,
) -> AppResult<Vec<UserId>> {
    let mut out: Vec<UserId> = Vec::new();
    let mut muted: Vec<UserId> = Vec::new();
    match (kind, item) {
        (EventKind::QuestionAsked, ItemKind::Question) => {
            let tags: Vec<String> = question_tags::table
                .filter(question_tags::question_id.eq(id))
                .select(question_tags::tag_id)
                .load(conn)?;
            for tag in tags {
                out.extend(watchers(conn, "tag", &tag, WATCHING)?);
            }
            let group: Option<Option<String>> = questions::table
                .find(id)
                .select(questions::group_id)
                .first(conn)
                .optional()?;
            if let Some(Some(g)) = group {
                out.extend(watchers(conn, "group", &g, WATCHING)?);
            }
        }
        (EventKind::AnswerPosted, ItemKind::Answer) => {
            if let Some(q) = answer_question(conn, id)? {
                out.extend(question_people(conn, &q)?);
                muted = watchers(conn, "question", &q, MUTED)?;
            }
        }
        (EventKind::QaCommentPosted, ItemKind::QaComment) => {
            let row: Option<(String, Option<String>)> = qa_comments::table
                .find(id)
                .select((qa_comments::question_id, qa_comments::answer_id))
                .first(conn)
                .optional()?;
            if let Some((q, answer)) = row {
                if let Some(a) = answer {
                    out.extend(
                        answers::table
                            .find(&a)
                            .select(answers::author_id)
                            .first::<UserId>(conn)
                            .optional()?,
                    );
                }
                out.extend(question_people(conn, &q)?);
                muted = watchers(conn, "question", &q, MUTED)?;
            }
        }
        (EventKind::AnswerAccepted, ItemKind::Answer) => {
            out.extend(
                answers::table
                    .find(id)
                    .select(answers::author_id)
                    .first::<UserId>(conn)
                    .optional()?,
            );
        }
        (EventKind::ExpertInvited, ItemKind::Question) => {
            out.extend(
                expert_invitations::table
                    .filter(expert_invitations::question_id.eq(id))
                    .order(expert_invitations::created_at.asc())
                    .limit(MAX_RECIPIENTS)
                    .select(expert_invitations::expert_id)
                    .load::<UserId>(conn)?,
            );
        }
        (EventKind::QuestionClosed, ItemKind::Question) => {
            out.extend(
                questions::table
                    .find(id)
                    .select(questions::author_id)
                    .first::<UserId>(conn)
                    .optional()?,
            );
        }
        (EventKind::DiscussionStarted, ItemKind::Discussion) => {
            let category: Option<String> = discussions::table
                .find(id)
                .select(discussions::category_id)
                .first(conn)
                .optional()?;
            if let Some(c) = category {
                out.extend(watchers(conn, "forum_category", &c, WATCHING)?);
                let group: Option<Option<String>> = forum_categories::table
                    .find(&c)
                    .select(forum_categories::group_id)
                    .first(conn)
                    .optional()?;
                if let Some(Some(g)) = group {
                    out.extend(watchers(conn, "group", &g, WATCHING)?);
                }
            }
        }
        (EventKind::ReplyPosted, ItemKind::ForumPost) => {
            let discussion: Option<String> = forum_posts::table
                .find(id)
                .select(forum_posts::discussion_id)
                .first(conn)
                .optional()?;
            if let Some(d) = discussion {
                out.extend(
                    discussions::table
                        .find(&d)
                        .select(discussions::author_id)
                        .first::<UserId>(conn)
                        .optional()?,
                );
                out.extend(
                    forum_posts::table
                        .filter(forum_posts::discussion_id.eq(&d))
                        .order(forum_posts::created_at.asc())
                        .limit(MAX_RECIPIENTS)
                        .select(forum_posts::author_id)
                        .load::<UserId>(conn)?,
                );
                out.extend(watchers(conn, "discussion", &d, WATCHING)?);
                muted = watchers(conn, "discussion", &d, MUTED)?;
            }
        }
        (EventKind::MemberMentioned, ItemKind::ForumPost) => {
            out.extend(
                mentions::table
                    .filter(mentions::post_id.eq(id))
                    .limit(MAX_RECIPIENTS)
                    .select(mentions::user_id)
                    .load::<UserId>(conn)?,
            );
        }
        (EventKind::WikiPageEdited, ItemKind::WikiPage) => {
            out.extend(page_watchers(conn, id)?);
            muted = watchers(conn, "wiki_page", id, MUTED)?;
        }
        (EventKind::WikiTalkPosted, ItemKind::WikiTalk) => {
            let page: Option<String> = wiki_talk::table
                .find(id)
                .select(wiki_talk::page_id)
                .first(conn)
                .optional()?;
            if let Some(p) = page {
                out.extend(page_watchers(conn, &p)?);
                muted = watchers(conn, "wiki_page", &p, MUTED)?;
            }
        }
        (EventKind::GroupRequested, ItemKind::GroupRequest) => {
            let g: Option<GroupId> = group_requests::table
                .find(id)
                .select(group_requests::group_id)
                .first(conn)
                .optional()?;
            if let Some(g) = g {
                out.extend(coordinators(conn, &g)?);
            }
        }
        (EventKind::GroupRequestDecided, ItemKind::GroupRequest) => {
            out.extend(
                group_requests::table
                    .find(id)
                    .select(group_requests::user_id)
                    .first::<UserId>(conn)
                    .optional()?,
            );
        }
        (EventKind::GroupInvited, ItemKind::GroupInvitation) => {
            out.extend(
                group_invitations::table
                    .find(id)
                    .select(group_invitations::user_id)
                    .first::<UserId>(conn)
                    .optional()?,
            );
        }
        (EventKind::GroupMemberJoined, ItemKind::Group) => {
            out.extend(coordinators(conn, &GroupId(id.to_owned()))?);
        }
        (EventKind::GroupPublicationProposed, ItemKind::GroupPublication) => {
            out.extend(
                users::table
                    .filter(users::role.eq(Role::Moderator))
                    .filter(users::status.eq(prassi_db::AccountStatus::Active))
                    .order(users::created_at.asc())
                    .limit(MAX_RECIPIENTS)
                    .select(users::id)
                    .load::<UserId>(conn)?,
            );
        }
        (EventKind::GroupPublicationDecided, ItemKind::GroupPublication) => {
            out.extend(
                group_publications::table
                    .find(id)
                    .select(group_publications::proposed_by)
                    .first::<Option<UserId>>(conn)
                    .optional()?
                    .flatten(),
            );
        }
        (EventKind::WikiReviewDue, ItemKind::WikiPage) => {
            out.extend(
                wiki_pages::table
                    .find(id)
                    .select(wiki_pages::review_owner_id)
                    .first::<Option<UserId>>(conn)
                    .optional()?
                    .flatten(),
            );
        }
        (EventKind::AnswerReviewDue, ItemKind::Answer) => {
            out.extend(
                answers::table
                    .find(id)
                    .select(answers::review_owner_id)
                    .first::<Option<UserId>>(conn)
                    .optional()?
                    .flatten(),
            );
        }
        (EventKind::AgendaRegistered | EventKind::AgendaPromoted, ItemKind::AgendaRegistration) => {
            out.extend(
                agenda_registrations::table
                    .find(id)
                    .select(agenda_registrations::user_id)
                    .first::<UserId>(conn)
                    .optional()?,
            );
        }
        (
            EventKind::AgendaEventChanged | EventKind::AgendaEventCancelled,
            ItemKind::AgendaEvent,
        ) => {
            out.extend(
                agenda_registrations::table
                    .filter(agenda_registrations::event_id.eq(id))
                    .filter(agenda_registrations::status.ne(RegistrationStatus::Cancelled))
                    .order((
                        agenda_registrations::created_at.asc(),
                        agenda_registrations::id.asc(),
                    ))
                    .limit(MAX_RECIPIENTS)
                    .select(agenda_registrations::user_id)
                    .load::<UserId>(conn)?,
            );
        }
        (EventKind::PollClosingSoon, ItemKind::Poll) => {
            // A group's poll: its members who have not voted, but its author. A poll of the
            // whole community reaches everyone through the home page and the digest instead.
            let row: Option<(Option<GroupId>, Option<UserId>)> = polls::table
                .find(id)
                .select((polls::group_id, polls::created_by))
                .first(conn)
                .optional()?;
            let (group, author) = row.unwrap_or_default();
            muted.extend(author);
            if let Some(g) = group {
                let mut voted: Vec<UserId> = poll_votes::table
                    .filter(poll_votes::poll_id.eq(id))
                    .filter(poll_votes::user_id.eq_any(members_of(&g)))
                    .select(poll_votes::user_id)
                    .load(conn)?;
                voted.extend(
                    poll_participants::table
                        .filter(poll_participants::poll_id.eq(id))
                        .filter(poll_participants::user_id.eq_any(members_of(&g)))
                        .select(poll_participants::user_id)
                        .load::<UserId>(conn)?,
                );
                out.extend(members_except(conn, &g, &voted)?);
            }
        }
        (EventKind::QuestionnaireClosingSoon, ItemKind::Questionnaire) => {
            // Those with a draft not yet submitted, and a group's members who have not
            // answered (the respondent is kept even on anonymous questionnaires), but its
            // author.
            out.extend(
                questionnaire_responses::table
                    .filter(questionnaire_responses::questionnaire_id.eq(id))
                    .filter(questionnaire_responses::status.eq("draft"))
                    .order(questionnaire_responses::created_at.asc())
                    .limit(MAX_RECIPIENTS)
                    .select(questionnaire_responses::user_id)
                    .load::<Option<UserId>>(conn)?
                    .into_iter()
                    .flatten(),
            );
            let row: Option<(Option<GroupId>, Option<UserId>)> = questionnaires::table
                .find(id)
                .select((questionnaires::group_id, questionnaires::created_by))
                .first(conn)
                .optional()?;
            let (group, author) = row.unwrap_or_default();
            muted.extend(author);
            if let Some(g) = group {
                let answered: Vec<UserId> = questionnaire_responses::table
                    .filter(questionnaire_responses::questionnaire_id.eq(id))
                    .filter(
                        questionnaire_responses::user_id
                            .assume_not_null()
                            .eq_any(members_of(&g)),
                    )
                    .select(questionnaire_responses::user_id.assume_not_null())
                    .load(conn)?;
                out.extend(members_except(conn, &g, &answered)?);
            }
        }
        (EventKind::InvitationAccepted, ItemKind::Member) => {
            // Whoever invited the new member (their accepted invitation, by address).
            out.extend(
                invitations::table
                    .inner_join(users::table.on(users::email.eq(invitations::email)))
                    .filter(users::id.eq(id))
                    .filter(invitations::accepted_at.is_not_null())
                    .order(invitations::accepted_at.desc())
                    .select(invitations::invited_by)
                    .first::<Option<UserId>>(conn)
                    .optional()?
                    .flatten(),
            );
        }
        (EventKind::AnswerPromoted, ItemKind::WikiPage) => {
            // The author of the answer that became the page.
            out.extend(
                wiki_promotions::table
                    .inner_join(answers::table.on(answers::id.eq(wiki_promotions::answer_id)))
                    .filter(wiki_promotions::page_id.eq(id))
                    .order(wiki_promotions::created_at.desc())
                    .select(answers::author_id)
                    .first::<UserId>(conn)
                    .optional()?,
            );
        }
        (EventKind::AccountApproved | EventKind::AccountRoleChanged, ItemKind::Member) => {
            out.push(UserId(id.to_owned()));
        }
        _ => {}
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|u| !muted.contains(u) && seen.insert(u.clone()));
    out.truncate(MAX_RECIPIENTS as usize);
    Ok(out)
}

/// The question an answer belongs to.
fn answer_question(conn: &mut DbConnection, answer: &str) -> AppResult<Option<String>> {
    Ok(answers::table
        .find(answer)
        .select(answers::question_id)
        .first(conn)
        .optional()?)
}

/// A question's asker, the authors of its answers, and its watchers.
fn question_people(conn: &mut DbConnection, q: &str) -> AppResult<Vec<UserId>> {
    let mut out: Vec<UserId> = questions::table
        .find(q)
        .select(questions::author_id)
        .first::<UserId>(conn)
        .optional()?
        .into_iter()
        .collect();
    out.extend(
        answers::table
            .filter(answers::question_id.eq(q))
            .order(answers::created_at.asc())
            .limit(MAX_RECIPIENTS)
            .select(answers::author_id)
            .load::<UserId>(conn)?,
    );
    out.extend(watchers(conn, "question", q, WATCHING)?);
    Ok(out)
}

/// Who watches a wiki page: the wiki's own watch list and the watch levels.
fn page_watchers(conn: &mut DbConnection, page: &str) -> AppResult<Vec<UserId>> {
    let mut out: Vec<UserId> = wiki_watches::table
        .filter(wiki_watches::page_id.eq(page))
        .limit(MAX_RECIPIENTS)
        .select(wiki_watches::user_id)
        .load(conn)?;
    out.extend(watchers(conn, "wiki_page", page, WATCHING)?);
    Ok(out)
}

/// The members with `level` on the item.
pub fn watchers(
    conn: &mut DbConnection,
    item_kind: &str,
    item_id: &str,
    level: &str,
) -> AppResult<Vec<UserId>> {
    Ok(notification_watches::table
        .filter(notification_watches::item_kind.eq(item_kind))
        .filter(notification_watches::item_id.eq(item_id))
        .filter(notification_watches::level.eq(level))
        .limit(MAX_RECIPIENTS)
        .select(notification_watches::user_id)
        .load(conn)?)
}

/// The ids of a group's members, as a subquery.
fn members_of(
    g: &GroupId,
) -> diesel::dsl::Select<
    diesel::dsl::Filter<group_members::table, diesel::dsl::Eq<group_members::group_id, GroupId>>,
    group_members::user_id,
> {
    group_members::table
        .filter(group_members::group_id.eq(g.clone()))
        .select(group_members::user_id)
}

/// A group's members (the first [`MAX_RECIPIENTS`]) but those in `done`.
fn members_except(conn: &mut DbConnection, g: &GroupId, done: &[UserId]) -> AppResult<Vec<UserId>> {
    let mut members: Vec<UserId> = group_members::table
        .filter(group_members::group_id.eq(g))
        .order(group_members::user_id.asc())
        .limit(MAX_RECIPIENTS)
        .select(group_members::user_id)
        .load(conn)?;
    members.retain(|m| !done.contains(m));
    Ok(members)
}

/// A group's coordinators.
fn coordinators(conn: &mut DbConnection, group: &GroupId) -> AppResult<Vec<UserId>> {
    Ok(group_members::table
        .filter(group_members::group_id.eq(group))
        .filter(group_members::role.eq(GroupRole::Coordinator))
        .limit(MAX_RECIPIENTS)
        .select(group_members::user_id)
        .load(conn)?)
}

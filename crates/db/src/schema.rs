//! The portable diesel schema shared by SQLite and PostgreSQL.
//!
//! Written by hand to the portable subset: text ids, `Timestamp` columns holding UTC and
//! `Bool` flags, so that one `schema.rs` serves both backends. The migration parity test proves
//! the two migration folders produce the tables and columns declared here.

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        kind -> Text,
        region -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        email -> Text,
        password_hash -> Text,
        display_name -> Text,
        role -> Text,
        status -> Text,
        email_verified_at -> Nullable<Timestamp>,
        organisation_id -> Nullable<Text>,
        job_title -> Text,
        bio_md -> Text,
        directory_consent -> Bool,
        consent_at -> Nullable<Timestamp>,
        request_note -> Text,
        locale -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        password_changed_at -> Timestamp,
    }
}

diesel::table! {
    user_expertise (user_id, area_key) {
        user_id -> Text,
        area_key -> Text,
        label -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        state -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    email_tokens (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    invitations (id) {
        id -> Text,
        email -> Text,
        role -> Text,
        organisation_id -> Nullable<Text>,
        invited_by -> Nullable<Text>,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Text,
        account_key -> Text,
        ip -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamp,
    }
}

diesel::table! {
    site_settings (key) {
        key -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        topic -> Text,
        payload -> Text,
        created_at -> Timestamp,
        available_at -> Timestamp,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        processed_at -> Nullable<Timestamp>,
        lease_token -> Nullable<Text>,
        merge_key -> Nullable<Text>,
    }
}

diesel::table! {
    tags (id) {
        id -> Text,
        name -> Text,
        description -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    questions (id) {
        id -> Text,
        author_id -> Text,
        title -> Text,
        body_md -> Text,
        audience -> Text,
        score -> Integer,
        answer_count -> Integer,
        accepted_answer_id -> Nullable<Text>,
        closed_reason -> Nullable<Text>,
        closed_note -> Nullable<Text>,
        duplicate_of -> Nullable<Text>,
        closed_by -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_activity_at -> Timestamp,
        lang -> Text,
        /// The working group it was asked in, if any.
        group_id -> Nullable<Text>,
        /// When expert routing settled the question (prassi-qa `service/routing.rs`).
        experts_routed_at -> Nullable<Timestamp>,
        /// Moved with every change to its answers, comments or revisions (prassi-qa
        /// `service/thread.rs`).
        thread_version -> BigInt,
    }
}

diesel::table! {
    question_tags (question_id, tag_id) {
        question_id -> Text,
        tag_id -> Text,
        /// The question's creation time, copied so a tag's questions are walked in order.
        created_at -> Timestamp,
    }
}

diesel::table! {
    answers (id) {
        id -> Text,
        question_id -> Text,
        author_id -> Text,
        body_md -> Text,
        score -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        lang -> Text,
        /// Freshness (meaningful while the answer is accepted): who keeps it true, by when it
        /// should be reviewed, when "review due" was recorded for that date, the last review.
        review_owner_id -> Nullable<Text>,
        review_by -> Nullable<Date>,
        review_notified_at -> Nullable<Timestamp>,
        reviewed_at -> Nullable<Timestamp>,
        reviewed_by -> Nullable<Text>,
    }
}

diesel::table! {
    qa_comments (id) {
        id -> Text,
        question_id -> Text,
        answer_id -> Nullable<Text>,
        author_id -> Text,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    qa_votes (user_id, post_kind, post_id) {
        user_id -> Text,
        post_kind -> Text,
        post_id -> Text,
        value -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    qa_revisions (id) {
        id -> Text,
        post_kind -> Text,
        post_id -> Text,
        author_id -> Nullable<Text>,
        title -> Nullable<Text>,
        body_md -> Text,
        tags -> Nullable<Text>,
        summary -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    expert_invitations (question_id, expert_id) {
        question_id -> Text,
        expert_id -> Text,
        invited_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_categories (id) {
        id -> Text,
        name -> Text,
        slug -> Text,
        description -> Text,
        position -> Integer,
        audience -> Text,
        created_at -> Timestamp,
        discussion_count -> BigInt,
        /// The working group whose own category this is, if any.
        group_id -> Nullable<Text>,
    }
}

diesel::table! {
    discussions (id) {
        id -> Text,
        category_id -> Text,
        author_id -> Text,
        title -> Text,
        pinned -> Bool,
        locked -> Bool,
        reply_count -> Integer,
        last_post_at -> Timestamp,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        lang -> Text,
    }
}

diesel::table! {
    forum_posts (id) {
        id -> Text,
        discussion_id -> Text,
        author_id -> Text,
        body_md -> Text,
        quote_of -> Nullable<Text>,
        hidden_reason -> Nullable<Text>,
        hidden_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        lang -> Text,
    }
}

diesel::table! {
    forum_revisions (id) {
        id -> Text,
        post_id -> Text,
        author_id -> Nullable<Text>,
        title -> Nullable<Text>,
        body_md -> Text,
        summary -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mentions (post_id, user_id) {
        post_id -> Text,
        user_id -> Text,
        mentioned_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    forum_reads (user_id, discussion_id) {
        user_id -> Text,
        discussion_id -> Text,
        last_read_at -> Timestamp,
    }
}

diesel::table! {
    /// Per member and audience: reputation and activity counts (see `qa::counters`).
    qa_member_stats (user_id, audience) {
        user_id -> Text,
        audience -> Text,
        reputation -> BigInt,
        questions -> BigInt,
        answers -> BigInt,
        accepted -> BigInt,
    }
}

diesel::table! {
    /// Per audience and tag (`''` for all questions): how many questions, how many unanswered.
    qa_counts (audience, tag_id) {
        audience -> Text,
        tag_id -> Text,
        questions -> BigInt,
        unanswered -> BigInt,
    }
}

diesel::table! {
    /// Per tag, member and audience: answers to questions with the tag, and their score.
    qa_tag_answerers (tag_id, user_id, audience) {
        tag_id -> Text,
        user_id -> Text,
        audience -> Text,
        answers -> BigInt,
        score -> BigInt,
    }
}

diesel::table! {
    wiki_pages (id) {
        id -> Text,
        slug -> Text,
        title -> Text,
        body_md -> Text,
        audience -> Text,
        parent_id -> Nullable<Text>,
        protected -> Bool,
        revision -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        lang -> Text,
        /// The working group it was made in, if any.
        group_id -> Nullable<Text>,
        /// Freshness: who keeps the page true, by when it should be reviewed, when "review
        /// due" was recorded for that date, the last review.
        review_owner_id -> Nullable<Text>,
        review_by -> Nullable<Date>,
        review_notified_at -> Nullable<Timestamp>,
        reviewed_at -> Nullable<Timestamp>,
        reviewed_by -> Nullable<Text>,
    }
}

diesel::table! {
    wiki_revisions (id) {
        id -> Text,
        page_id -> Text,
        number -> Integer,
        author_id -> Nullable<Text>,
        title -> Text,
        body_md -> Text,
        categories -> Text,
        summary -> Text,
        kind -> Text,
        restored_from -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    wiki_categories (page_id, name) {
        page_id -> Text,
        name -> Text,
    }
}

diesel::table! {
    wiki_links (from_page_id, to_slug) {
        from_page_id -> Text,
        to_slug -> Text,
    }
}

diesel::table! {
    wiki_redirects (slug) {
        slug -> Text,
        page_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    wiki_watches (user_id, page_id) {
        user_id -> Text,
        page_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    wiki_talk (id) {
        id -> Text,
        page_id -> Text,
        author_id -> Text,
        body_md -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    wiki_promotions (answer_id, page_id) {
        answer_id -> Text,
        page_id -> Text,
        question_id -> Text,
        revision -> Integer,
        promoted_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    a11y_reports (id) {
        id -> Text,
        page_url -> Text,
        description -> Text,
        contact_email -> Text,
        reporter_id -> Nullable<Text>,
        ip_hash -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// What happened, to which item, by whom; read by the notifications module.
    notification_events (id) {
        id -> Text,
        kind -> Text,
        item_kind -> Text,
        item_id -> Text,
        actor_id -> Nullable<Text>,
        audience -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// What a member was told: one row per event and recipient (prassi-notifications).
    notifications (id) {
        id -> Text,
        user_id -> Text,
        event_id -> Text,
        kind -> Text,
        item_kind -> Text,
        item_id -> Text,
        actor_id -> Nullable<Text>,
        audience -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// How closely a member follows an item: `watching`, `normal` or `muted`.
    notification_watches (user_id, item_kind, item_id) {
        user_id -> Text,
        item_kind -> Text,
        item_id -> Text,
        level -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Where a member hears about a kind of event: `web`, `email`, `digest` or `off`.
    notification_preferences (user_id, kind) {
        user_id -> Text,
        kind -> Text,
        channel -> Text,
    }
}

diesel::table! {
    /// How often a member gets the email digest and where the last one ended
    /// (prassi-notifications `service/digest.rs`); no row: weekly.
    notification_digests (user_id) {
        user_id -> Text,
        frequency -> Text,
        last_sent_at -> Nullable<Timestamp>,
        next_due_at -> Timestamp,
    }
}

diesel::table! {
    /// A reply-by-email address's token, as its SHA-256 (prassi-notifications, mail): whose it
    /// is, the item a reply goes under, and when it was used (once).
    mail_reply_tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        item_kind -> Text,
        item_id -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Every incoming reply-by-email message and its outcome (prassi-notifications, mail).
    mail_reply_log (id) {
        id -> Text,
        received_at -> Timestamp,
        source -> Text,
        outcome -> Text,
        user_id -> Nullable<Text>,
        item_kind -> Nullable<Text>,
        item_id -> Nullable<Text>,
        size_bytes -> BigInt,
    }
}

diesel::table! {
    /// Site-wide figures pages show, kept by triggers in the transaction that moves them
    /// (`active_members`: accounts with status `active`).
    site_counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    /// Per member and forum category: discussions started and posts written.
    forum_member_stats (user_id, category_id) {
        user_id -> Text,
        category_id -> Text,
        discussions -> BigInt,
        posts -> BigInt,
    }
}

diesel::table! {
    /// Working groups: reserved areas (prassi-groups).
    work_groups (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        description_md -> Text,
        visibility -> Text,
        join_policy -> Text,
        member_count -> BigInt,
        coordinator_count -> BigInt,
        storage_bytes -> BigInt,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    group_organisations (group_id, organisation_id) {
        group_id -> Text,
        organisation_id -> Text,
    }
}

diesel::table! {
    group_members (group_id, user_id) {
        group_id -> Text,
        user_id -> Text,
        role -> Text,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    group_requests (id) {
        id -> Text,
        group_id -> Text,
        user_id -> Text,
        message -> Text,
        status -> Text,
        reason -> Text,
        decided_by -> Nullable<Text>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_invitations (id) {
        id -> Text,
        group_id -> Text,
        user_id -> Text,
        invited_by -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_log (id) {
        id -> Text,
        group_id -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject_id -> Nullable<Text>,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    group_documents (id) {
        id -> Text,
        group_id -> Text,
        folder -> Text,
        title -> Text,
        description_md -> Text,
        current_version -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_document_versions (id) {
        id -> Text,
        document_id -> Text,
        version -> Integer,
        storage_key -> Text,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        uploaded_by -> Nullable<Text>,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_publications (id) {
        id -> Text,
        group_id -> Text,
        page_id -> Text,
        revision -> Integer,
        status -> Text,
        public_page_id -> Nullable<Text>,
        proposed_by -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        reason -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    agenda_events (id) {
        id -> Text,
        title -> Text,
        description_md -> Text,
        theme -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        format -> Text,
        venue -> Text,
        address -> Text,
        online_url -> Text,
        audience -> Text,
        group_id -> Nullable<Text>,
        status -> Text,
        capacity -> Nullable<BigInt>,
        registered_count -> BigInt,
        waiting_count -> BigInt,
        registration_opens_at -> Nullable<Timestamp>,
        registration_closes_at -> Nullable<Timestamp>,
        sequence -> Integer,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        feedback_count -> BigInt,
        rating_sum -> BigInt,
        question_count -> BigInt,
        report_page_id -> Nullable<Text>,
    }
}

diesel::table! {
    agenda_organisers (event_id, user_id) {
        event_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    agenda_registrations (id) {
        id -> Text,
        event_id -> Text,
        user_id -> Text,
        status -> Text,
        show_publicly -> Bool,
        attended -> Bool,
        created_at -> Timestamp,
        promoted_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        reminded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    agenda_blocks (id) {
        id -> Text,
        event_id -> Text,
        position -> Integer,
        kind -> Text,
        starts_at -> Timestamp,
        duration_min -> Integer,
        title -> Text,
    }
}

diesel::table! {
    agenda_speakers (id) {
        id -> Text,
        block_id -> Text,
        position -> Integer,
        user_id -> Nullable<Text>,
        name -> Text,
        role -> Text,
        affiliation -> Text,
    }
}

diesel::table! {
    agenda_partners (id) {
        id -> Text,
        event_id -> Text,
        position -> Integer,
        name -> Text,
        city -> Text,
        country -> Text,
        kind -> Text,
    }
}

diesel::table! {
    agenda_links (id) {
        id -> Text,
        event_id -> Text,
        position -> Integer,
        title -> Text,
        kind -> Text,
        happens_on -> Text,
        url -> Text,
        description -> Text,
    }
}

diesel::table! {
    agenda_feed_tokens (user_id) {
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A member's personal Atom feed key, as its SHA-256 (prassi-notifications, feeds).
    feed_tokens (user_id) {
        user_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agenda_questions (id) {
        id -> Text,
        event_id -> Text,
        author_id -> Nullable<Text>,
        body -> Text,
        support_count -> BigInt,
        position -> Nullable<Integer>,
        status -> Text,
        answer_md -> Text,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        qa_question_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agenda_question_supports (question_id, user_id) {
        question_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agenda_tables (id) {
        id -> Text,
        event_id -> Text,
        position -> Integer,
        topic -> Text,
        facilitator_id -> Nullable<Text>,
        seats -> Nullable<BigInt>,
        seated_count -> BigInt,
        outcomes_md -> Text,
        outcomes_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    agenda_table_seats (event_id, user_id) {
        event_id -> Text,
        user_id -> Text,
        table_id -> Text,
        how -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    agenda_feedback (event_id, user_id) {
        event_id -> Text,
        user_id -> Text,
        rating -> Integer,
        comment -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    polls (id) {
        id -> Text,
        question -> Text,
        description_md -> Text,
        kind -> Text,
        min_choices -> Integer,
        max_choices -> Integer,
        audience -> Text,
        group_id -> Nullable<Text>,
        show_voters -> Bool,
        results_visibility -> Text,
        allow_change -> Bool,
        secret -> Bool,
        on_home -> Bool,
        closes_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        voter_count -> BigInt,
        eligible_count -> Nullable<BigInt>,
        ranked_rounds -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// When "about to close" was told (once).
        closing_notified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    poll_options (id) {
        id -> Text,
        poll_id -> Text,
        position -> Integer,
        label -> Text,
        vote_count -> BigInt,
    }
}

diesel::table! {
    poll_votes (poll_id, user_id) {
        poll_id -> Text,
        user_id -> Text,
        choices -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    poll_participants (poll_id, user_id) {
        poll_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    poll_secret_ballots (poll_id, id) {
        poll_id -> Text,
        id -> Text,
        content -> Text,
    }
}

diesel::table! {
    poll_decisions (id) {
        id -> Text,
        poll_id -> Text,
        decision_md -> Text,
        deciders -> Text,
        decided_on -> Text,
        turnout -> BigInt,
        eligible -> BigInt,
        corrects_id -> Nullable<Text>,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    questionnaires (id) {
        id -> Text,
        title -> Text,
        description_md -> Text,
        audience -> Text,
        group_id -> Nullable<Text>,
        anonymous -> Bool,
        allow_edit -> Bool,
        opens_at -> Timestamp,
        closes_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        results_published -> Bool,
        response_count -> BigInt,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        /// When "about to close" was told (once).
        closing_notified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    questionnaire_sections (id) {
        id -> Text,
        questionnaire_id -> Text,
        position -> Integer,
        title -> Text,
        intro_md -> Text,
    }
}

diesel::table! {
    questionnaire_questions (id) {
        id -> Text,
        questionnaire_id -> Text,
        section_id -> Text,
        position -> Integer,
        kind -> Text,
        text -> Text,
        help -> Text,
        required -> Bool,
        min_choices -> Nullable<Integer>,
        max_choices -> Nullable<Integer>,
        scale_max -> Nullable<Integer>,
        scale_min_label -> Text,
        scale_max_label -> Text,
        answer_count -> BigInt,
        value_sum -> BigInt,
    }
}

diesel::table! {
    questionnaire_options (id) {
        id -> Text,
        question_id -> Text,
        axis -> Text,
        position -> Integer,
        label -> Text,
    }
}

diesel::table! {
    questionnaire_tallies (question_id, row_index, choice) {
        question_id -> Text,
        row_index -> Integer,
        choice -> Integer,
        tally -> BigInt,
    }
}

diesel::table! {
    questionnaire_responses (id) {
        id -> Text,
        questionnaire_id -> Text,
        user_id -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    questionnaire_answers (response_id, question_id) {
        response_id -> Text,
        question_id -> Text,
        value -> Text,
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(user_expertise -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(notification_events -> users (actor_id));
diesel::joinable!(notifications -> notification_events (event_id));
diesel::joinable!(notification_watches -> users (user_id));
diesel::joinable!(notification_preferences -> users (user_id));
diesel::joinable!(notification_digests -> users (user_id));
diesel::joinable!(mail_reply_tokens -> users (user_id));
diesel::joinable!(questions -> users (author_id));
diesel::joinable!(question_tags -> questions (question_id));
diesel::joinable!(question_tags -> tags (tag_id));
diesel::joinable!(answers -> questions (question_id));
diesel::joinable!(answers -> users (author_id));
diesel::joinable!(qa_comments -> users (author_id));
diesel::joinable!(discussions -> forum_categories (category_id));
diesel::joinable!(forum_member_stats -> forum_categories (category_id));
diesel::joinable!(forum_member_stats -> users (user_id));
diesel::joinable!(group_organisations -> work_groups (group_id));
diesel::joinable!(group_organisations -> organisations (organisation_id));
diesel::joinable!(group_members -> work_groups (group_id));
diesel::joinable!(group_members -> users (user_id));
diesel::joinable!(group_requests -> work_groups (group_id));
diesel::joinable!(group_invitations -> work_groups (group_id));
diesel::joinable!(group_log -> work_groups (group_id));
diesel::joinable!(group_documents -> work_groups (group_id));
diesel::joinable!(group_document_versions -> group_documents (document_id));
diesel::joinable!(group_publications -> work_groups (group_id));
diesel::joinable!(questions -> work_groups (group_id));
diesel::joinable!(wiki_pages -> work_groups (group_id));
diesel::joinable!(forum_categories -> work_groups (group_id));
diesel::joinable!(discussions -> users (author_id));
diesel::joinable!(forum_posts -> discussions (discussion_id));
diesel::joinable!(forum_posts -> users (author_id));
diesel::joinable!(mentions -> forum_posts (post_id));
diesel::joinable!(wiki_revisions -> wiki_pages (page_id));
diesel::joinable!(wiki_revisions -> users (author_id));
diesel::joinable!(wiki_categories -> wiki_pages (page_id));
diesel::joinable!(wiki_links -> wiki_pages (from_page_id));
diesel::joinable!(wiki_redirects -> wiki_pages (page_id));
diesel::joinable!(wiki_watches -> wiki_pages (page_id));
diesel::joinable!(wiki_talk -> wiki_pages (page_id));
diesel::joinable!(wiki_talk -> users (author_id));
diesel::joinable!(wiki_promotions -> wiki_pages (page_id));
diesel::joinable!(wiki_promotions -> answers (answer_id));

diesel::joinable!(agenda_events -> work_groups (group_id));
diesel::joinable!(agenda_organisers -> agenda_events (event_id));
diesel::joinable!(agenda_organisers -> users (user_id));
diesel::joinable!(agenda_registrations -> agenda_events (event_id));
diesel::joinable!(agenda_registrations -> users (user_id));
diesel::joinable!(agenda_blocks -> agenda_events (event_id));
diesel::joinable!(agenda_speakers -> agenda_blocks (block_id));
diesel::joinable!(agenda_partners -> agenda_events (event_id));
diesel::joinable!(agenda_links -> agenda_events (event_id));

diesel::joinable!(agenda_questions -> agenda_events (event_id));
diesel::joinable!(agenda_question_supports -> agenda_questions (question_id));
diesel::joinable!(agenda_tables -> agenda_events (event_id));
diesel::joinable!(agenda_table_seats -> agenda_tables (table_id));
diesel::joinable!(agenda_table_seats -> users (user_id));
diesel::joinable!(agenda_feedback -> agenda_events (event_id));
diesel::joinable!(agenda_feedback -> users (user_id));

diesel::joinable!(polls -> work_groups (group_id));
diesel::joinable!(poll_options -> polls (poll_id));
diesel::joinable!(poll_votes -> polls (poll_id));
diesel::joinable!(poll_votes -> users (user_id));
diesel::joinable!(poll_participants -> polls (poll_id));
diesel::joinable!(poll_participants -> users (user_id));
diesel::joinable!(poll_secret_ballots -> polls (poll_id));
diesel::joinable!(poll_decisions -> polls (poll_id));

diesel::joinable!(questionnaires -> work_groups (group_id));
diesel::joinable!(questionnaire_sections -> questionnaires (questionnaire_id));
diesel::joinable!(questionnaire_questions -> questionnaires (questionnaire_id));
diesel::joinable!(questionnaire_questions -> questionnaire_sections (section_id));
diesel::joinable!(questionnaire_options -> questionnaire_questions (question_id));
diesel::joinable!(questionnaire_tallies -> questionnaire_questions (question_id));
diesel::joinable!(questionnaire_responses -> questionnaires (questionnaire_id));
diesel::joinable!(questionnaire_responses -> users (user_id));
diesel::joinable!(questionnaire_answers -> questionnaire_responses (response_id));
diesel::joinable!(questionnaire_answers -> questionnaire_questions (question_id));
diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    user_expertise,
    sessions,
    api_tokens,
    email_tokens,
    invitations,
    login_attempts,
    site_settings,
    audit_log,
    outbox,
    tags,
    questions,
    question_tags,
    answers,
    qa_comments,
    qa_votes,
    qa_revisions,
    expert_invitations,
    forum_categories,
    discussions,
    forum_posts,
    forum_revisions,
    mentions,
    forum_reads,
    wiki_pages,
    wiki_revisions,
    wiki_categories,
    wiki_links,
    wiki_redirects,
    wiki_watches,
    wiki_talk,
    wiki_promotions,
    qa_member_stats,
    qa_counts,
    qa_tag_answerers,
    notification_events,
    notifications,
    notification_watches,
    notification_preferences,
    notification_digests,
    mail_reply_tokens,
    mail_reply_log,
    site_counters,
    forum_member_stats,
    work_groups,
    group_organisations,
    group_members,
    group_requests,
    group_invitations,
    group_log,
    group_documents,
    group_document_versions,
    group_publications,
    agenda_events,
    agenda_organisers,
    agenda_registrations,
    agenda_blocks,
    agenda_speakers,
    agenda_partners,
    agenda_links,
    agenda_feed_tokens,
    feed_tokens,
    agenda_questions,
    agenda_question_supports,
    agenda_tables,
    agenda_table_seats,
    agenda_feedback,
    polls,
    poll_options,
    poll_votes,
    poll_participants,
    poll_secret_ballots,
    poll_decisions,
    questionnaires,
    questionnaire_sections,
    questionnaire_questions,
    questionnaire_options,
    questionnaire_tallies,
    questionnaire_responses,
    questionnaire_answers,
);

/// Every table the migrations create, in creation order; the schema parity test walks it.
pub const TABLES: &[&str] = &[
    "organisations",
    "users",
    "user_expertise",
    "sessions",
    "api_tokens",
    "email_tokens",
    "invitations",
    "login_attempts",
    "site_settings",
    "audit_log",
    "outbox",
    "tags",
    "questions",
    "question_tags",
    "answers",
    "qa_comments",
    "qa_votes",
    "qa_revisions",
    "expert_invitations",
    "forum_categories",
    "discussions",
    "forum_posts",
    "forum_revisions",
    "mentions",
    "forum_reads",
    "wiki_pages",
    "wiki_revisions",
    "wiki_categories",
    "wiki_links",
    "wiki_redirects",
    "wiki_watches",
    "wiki_talk",
    "wiki_promotions",
    "a11y_reports",
    "qa_member_stats",
    "qa_counts",
    "qa_tag_answerers",
    "notification_events",
    "notifications",
    "notification_watches",
    "notification_preferences",
    "site_counters",
    "forum_member_stats",
    "work_groups",
    "group_organisations",
    "group_members",
    "group_requests",
    "group_invitations",
    "group_log",
    "group_documents",
    "group_document_versions",
    "group_publications",
    "agenda_events",
    "agenda_organisers",
    "agenda_registrations",
    "agenda_blocks",
    "agenda_speakers",
    "agenda_partners",
    "agenda_links",
    "agenda_feed_tokens",
    "agenda_questions",
    "agenda_question_supports",
    "agenda_tables",
    "agenda_table_seats",
    "agenda_feedback",
    "polls",
    "poll_options",
    "poll_votes",
    "poll_participants",
    "poll_secret_ballots",
    "poll_decisions",
    "questionnaires",
    "questionnaire_sections",
    "questionnaire_questions",
    "questionnaire_options",
    "questionnaire_tallies",
    "questionnaire_responses",
    "questionnaire_answers",
    "mail_reply_tokens",
    "mail_reply_log",
    "feed_tokens",
    "notification_digests",
];

// Reputation groups votes by the author of the voted post.
diesel::allow_columns_to_appear_in_same_group_by_clause!(
    questions::author_id,
    answers::author_id,
    qa_votes::value,
);

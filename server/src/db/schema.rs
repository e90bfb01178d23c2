// The tables of both backends (the full-text index differs per engine and lives in dialect.rs); `tests/tests/suite/schema.rs` checks that the migrations produce them.

diesel::table! {
    organisations (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        country -> Text,
        default_language -> Text,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        digest_inactive_days -> Integer,
        email_without_content -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        email -> Text,
        password_hash -> Text,
        display_name -> Text,
        function -> Text,
        kind -> Text,
        role -> Text,
        status -> Text,
        interface_language -> Text,
        languages_read -> Text,
        time_zone -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_active_at -> Nullable<Timestamp>,
        themes -> Text,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        user_id -> BigInt,
        organisation_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    invitations (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        email -> Text,
        role -> Text,
        language -> Text,
        token_hash -> Text,
        invited_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        accepted_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_resets (id) {
        id -> BigInt,
        user_id -> BigInt,
        organisation_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        idempotency_key -> Text,
        recipient -> Text,
        message_id -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        template -> Text,
        context -> Text,
        language -> Text,
        headers -> Text,
    }
}

diesel::table! {
    email_bounces (address) {
        address -> Text,
        reason -> Text,
        first_bounced_at -> Timestamp,
        last_bounced_at -> Timestamp,
        bounces -> Integer,
    }
}

diesel::table! {
    job_claims (name) {
        name -> Text,
        last_started_at -> Nullable<Timestamp>,
        claimed_until -> Nullable<Timestamp>,
        claim_token -> Nullable<Text>,
    }
}

diesel::table! {
    audit_events (id) {
        id -> BigInt,
        organisation_id -> Nullable<BigInt>,
        actor_user_id -> Nullable<BigInt>,
        action -> Text,
        target_type -> Text,
        target_id -> Nullable<BigInt>,
        detail -> Text,
        client_address -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    instance_settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    instance_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    workspaces (id) {
        id -> BigInt,
        owner_organisation_id -> BigInt,
        kind -> Text,
        name -> Text,
        description -> Text,
        sdg_tags -> Text,
        visibility -> Text,
        default_language -> Text,
        archived_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workspace_organisations (id) {
        id -> BigInt,
        workspace_id -> BigInt,
        organisation_id -> BigInt,
        status -> Text,
        invited_by -> Nullable<BigInt>,
        decided_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    workspace_members (id) {
        id -> BigInt,
        workspace_id -> BigInt,
        user_id -> BigInt,
        organisation_id -> BigInt,
        role -> Text,
        added_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        since_event_id -> BigInt,
    }
}

diesel::table! {
    channels (id) {
        id -> BigInt,
        workspace_id -> Nullable<BigInt>,
        kind -> Text,
        name -> Text,
        topic -> Text,
        private -> Bool,
        archived_at -> Nullable<Timestamp>,
        last_seq -> BigInt,
        last_message_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        direct_key -> Nullable<Text>,
    }
}

diesel::table! {
    channel_members (channel_id, user_id) {
        channel_id -> BigInt,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    read_markers (user_id, channel_id) {
        user_id -> BigInt,
        channel_id -> BigInt,
        read_seq -> BigInt,
        updated_at -> Timestamp,
        since_event_id -> BigInt,
    }
}

diesel::table! {
    messages (id) {
        id -> BigInt,
        channel_id -> BigInt,
        workspace_id -> Nullable<BigInt>,
        seq -> BigInt,
        author_id -> BigInt,
        author_organisation_id -> BigInt,
        thread_root_id -> Nullable<BigInt>,
        body_md -> Text,
        body_html -> Text,
        language -> Text,
        reply_count -> BigInt,
        last_reply_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        deleted_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    message_edits (id) {
        id -> BigInt,
        message_id -> BigInt,
        body_md -> Text,
        language -> Text,
        edited_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    mentions (message_id, user_id) {
        message_id -> BigInt,
        user_id -> BigInt,
        channel_id -> BigInt,
        seq -> BigInt,
    }
}

diesel::table! {
    reactions (message_id, user_id, emoji) {
        message_id -> BigInt,
        user_id -> BigInt,
        emoji -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    attachments (id) {
        id -> BigInt,
        message_id -> Nullable<BigInt>,
        channel_id -> BigInt,
        uploader_id -> BigInt,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        storage_key -> Text,
        created_at -> Timestamp,
        image_width -> Nullable<Integer>,
        image_height -> Nullable<Integer>,
        thumb_width -> Nullable<Integer>,
        thumb_height -> Nullable<Integer>,
    }
}

diesel::table! {
    events (id) {
        id -> BigInt,
        kind -> Text,
        workspace_id -> Nullable<BigInt>,
        channel_id -> Nullable<BigInt>,
        user_id -> Nullable<BigInt>,
        payload -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    email_preferences (user_id) {
        user_id -> BigInt,
        organisation_id -> BigInt,
        digest_cadence -> Text,
        digest_weekday -> Integer,
        digest_hour -> Integer,
        mention_batching -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    email_workspace_mutes (user_id, workspace_id) {
        user_id -> BigInt,
        workspace_id -> BigInt,
        organisation_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_links (id) {
        id -> BigInt,
        user_id -> BigInt,
        organisation_id -> BigInt,
        token_hash -> Text,
        next_path -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    notification_items (id) {
        id -> BigInt,
        user_id -> BigInt,
        organisation_id -> BigInt,
        message_id -> BigInt,
        channel_id -> BigInt,
        seq -> BigInt,
        kind -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    digest_deliveries (user_id) {
        user_id -> BigInt,
        organisation_id -> BigInt,
        last_period -> Text,
        last_sent_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    digest_runs (id) {
        id -> BigInt,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        considered -> BigInt,
        queued -> BigInt,
        skipped_quiet -> BigInt,
    }
}

diesel::table! {
    composer_settings (user_id) {
        user_id -> BigInt,
        enter_sends -> Bool,
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(digest_deliveries -> users (user_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(invitations -> organisations (organisation_id));
diesel::joinable!(password_resets -> users (user_id));
diesel::joinable!(email_workspace_mutes -> workspaces (workspace_id));
diesel::joinable!(workspace_members -> workspaces (workspace_id));
diesel::joinable!(workspace_members -> users (user_id));
diesel::joinable!(workspace_organisations -> workspaces (workspace_id));
diesel::joinable!(workspace_organisations -> organisations (organisation_id));
diesel::joinable!(channels -> workspaces (workspace_id));
diesel::joinable!(messages -> channels (channel_id));
diesel::joinable!(messages -> users (author_id));
diesel::joinable!(read_markers -> channels (channel_id));
diesel::joinable!(channel_members -> channels (channel_id));
diesel::joinable!(notification_items -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    notification_items,
    digest_deliveries,
    digest_runs,
    sign_in_links,
    email_preferences,
    email_workspace_mutes,
    organisations,
    users,
    sessions,
    invitations,
    password_resets,
    outbox,
    email_bounces,
    job_claims,
    audit_events,
    instance_settings,
    instance_secrets,
    workspaces,
    workspace_organisations,
    workspace_members,
    channels,
    channel_members,
    read_markers,
    messages,
    message_edits,
    mentions,
    reactions,
    attachments,
    events,
    composer_settings,
);

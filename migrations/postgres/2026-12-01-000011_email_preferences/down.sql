DROP TABLE email_workspace_mutes;
DROP TABLE email_preferences;

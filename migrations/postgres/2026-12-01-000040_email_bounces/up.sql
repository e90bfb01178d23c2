-- Addresses a mail server refused permanently (an SMTP 5xx answer). Keyed by the lower-cased
-- address, not by person: the refusal is a fact about the mailbox, and a person who changes their
-- email escapes it with the new address. Digests skip these addresses; a later successful
-- delivery to the address (a sign-in link, an invitation) removes its row.
CREATE TABLE email_bounces (
    address TEXT PRIMARY KEY NOT NULL,
    reason TEXT NOT NULL,
    first_bounced_at TIMESTAMP NOT NULL,
    last_bounced_at TIMESTAMP NOT NULL,
    bounces INTEGER NOT NULL
);

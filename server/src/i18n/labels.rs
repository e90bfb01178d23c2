//! Translated names of the closed value sets. Keys are spelled out so key scans find them.

use agora_shared::api::{
    InvitationStatus, Language, OrgKind, OrgRole, OrgStatus, UserKind, UserStatus,
};

use super::Tr;

impl Tr {
    pub fn org_kind(&self, kind: &OrgKind) -> String {
        self.t(match kind {
            OrgKind::FlemishMunicipality => "org-kind-flemish-municipality",
            OrgKind::PartnerMunicipality => "org-kind-partner-municipality",
            OrgKind::Association => "org-kind-association",
            OrgKind::NetworkOperator => "org-kind-network-operator",
            OrgKind::Other => "org-kind-other",
        })
    }

    pub fn org_status(&self, status: &OrgStatus) -> String {
        self.t(match status {
            OrgStatus::Active => "org-status-active",
            OrgStatus::Suspended => "org-status-suspended",
        })
    }

    pub fn role(&self, role: &OrgRole) -> String {
        self.t(match role {
            OrgRole::Member => "role-member",
            OrgRole::Admin => "role-admin",
        })
    }

    pub fn user_status(&self, status: &UserStatus) -> String {
        self.t(match status {
            UserStatus::Active => "user-status-active",
            UserStatus::Deactivated => "user-status-deactivated",
        })
    }

    pub fn user_kind(&self, kind: &UserKind) -> String {
        self.t(match kind {
            UserKind::Official => "user-kind-official",
            UserKind::Politician => "user-kind-politician",
            UserKind::Other => "user-kind-other",
        })
    }

    pub fn invitation_status(&self, status: &InvitationStatus) -> String {
        self.t(match status {
            InvitationStatus::Pending => "invitation-status-pending",
            InvitationStatus::Accepted => "invitation-status-accepted",
            InvitationStatus::Revoked => "invitation-status-revoked",
            InvitationStatus::Expired => "invitation-status-expired",
        })
    }

    /// A language's name in that language itself, as language pickers show it.
    pub fn language_name(&self, lang: &Language) -> String {
        self.autonym(lang.as_str())
    }

    /// The autonym of a language people may read; the code itself when we have no name for it.
    pub fn autonym(&self, code: &str) -> String {
        let key = match code {
            "en" => "autonym-en",
            "nl" => "autonym-nl",
            "fr" => "autonym-fr",
            "es" => "autonym-es",
            "de" => "autonym-de",
            "pt" => "autonym-pt",
            "ar" => "autonym-ar",
            "wo" => "autonym-wo",
            "fon" => "autonym-fon",
            "rw" => "autonym-rw",
            "sw" => "autonym-sw",
            "qu" => "autonym-qu",
            other => return other.to_string(),
        };
        self.t(key)
    }
}

impl Tr {
    /// "SDG 11: Sustainable cities and communities", in the reader's language.
    pub fn sdg(&self, n: u8) -> String {
        let key = match n {
            1 => "sdg-1",
            2 => "sdg-2",
            3 => "sdg-3",
            4 => "sdg-4",
            5 => "sdg-5",
            6 => "sdg-6",
            7 => "sdg-7",
            8 => "sdg-8",
            9 => "sdg-9",
            10 => "sdg-10",
            11 => "sdg-11",
            12 => "sdg-12",
            13 => "sdg-13",
            14 => "sdg-14",
            15 => "sdg-15",
            16 => "sdg-16",
            _ => "sdg-17",
        };
        self.t1(key, "number", n)
    }
}

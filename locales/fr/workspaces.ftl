# Navigation.
nav-workspaces = Espaces de travail
nav-direct = Messages directs
nav-directory = Annuaire

# Page d'accueil.
home-workspaces-heading = Vos espaces de travail
home-new-workspace = Créer un espace de travail
home-others-heading = Autres espaces de travail que vous pouvez voir
home-invitations-heading = Invitations pour { $organisation }
home-direct-heading = Messages directs
home-direct-none = Vous n’avez pas encore de conversation directe.
home-all-direct = Tous les messages directs
home-find-colleague = Trouver un collègue dans l’annuaire
home-search-label = Rechercher dans les messages
home-search-field = Rechercher dans vos messages
home-search-submit = Rechercher
unread-count-badge = { $count ->
    [one] { $count } message non lu
   *[other] { $count } messages non lus
}
mention-count-badge = { $count ->
    [one] { $count } mention de vous
   *[other] { $count } mentions de vous
}
participation-accept = Accepter l’invitation à { $workspace }
participation-decline = Refuser l’invitation à { $workspace }
participation-from = Invitation de { $organisation }
participation-details = En savoir plus sur { $workspace }

# Valeurs fixes.
workspace-kind-twinning = Jumelage
workspace-kind-working-group = Groupe de travail
workspace-kind-network = Réseau
workspace-kind-experiment = Projet pilote
visibility-invite-only = Sur invitation uniquement
visibility-discoverable = Visible dans le réseau
visibility-invite-only-hint = Seules les organisations que vous invitez savent que cet espace existe.
visibility-discoverable-hint = Tout le réseau voit son nom, sa description et ses organisations ; seuls les membres lisent les conversations.
workspace-role-owner = Propriétaire
workspace-role-moderator = Modérateur
workspace-role-member = Membre
workspace-role-observer = Observateur (lecture seule)
participation-invited = Invitée
participation-active = Participe
participation-declined = A refusé
participation-left = A quitté

# Confirmations.
notice-workspace-created = L’espace de travail a été créé.
notice-workspace-saved = Les paramètres ont été enregistrés.
notice-organisation-invited = L’organisation a été invitée. Elle participera dès qu’un de ses administrateurs aura accepté.
notice-participation-accepted = Votre organisation participe désormais à l’espace de travail.
notice-participation-declined = L’invitation a été refusée.
notice-member-added = La personne a été ajoutée à l’espace de travail.
notice-member-role-changed = Le rôle a été modifié.
notice-member-removed = La personne a été retirée de l’espace de travail.
notice-workspace-left = Vous avez quitté l’espace de travail.
notice-workspace-channel-created = Le canal a été créé.
notice-workspace-channel-saved = Le canal a été enregistré.

# Créer un espace de travail.
workspace-new-title = Nouvel espace de travail
workspace-new-intro = Un espace de travail réunit des organisations : un jumelage, un groupe de travail, un réseau ou un projet pilote. Une fois l’espace créé, vous pourrez inviter d’autres organisations.
field-workspace-owner = Organisation propriétaire de l’espace
field-workspace-owner-hint = En tant qu’administrateur du réseau, vous pouvez créer un espace pour une autre organisation.
field-workspace-kind = Type d’espace
field-workspace-name = Nom de l’espace
field-workspace-name-hint = Par exemple : Aalst – Bohicon, ou groupe de travail Post-Agenda 2030.
field-workspace-description = Description
field-workspace-sdgs = Objectifs de développement durable concernés
field-visibility = Qui peut le trouver
field-workspace-language = Langue par défaut
field-workspace-language-hint = La langue du nom de son premier canal et des messages adressés à tous.
workspace-create-submit = Créer l’espace de travail

# La page d'un espace de travail.
workspace-archived = Archivé
workspace-your-role = Votre rôle : { $role }
workspace-admin-link = Gérer { $workspace }
workspace-invitation-heading = Votre organisation est invitée
workspace-invitation-text = En tant qu’administrateur de votre organisation, vous décidez si elle participe. Si vous acceptez, vous devenez membre et pouvez ajouter vos collègues.
workspace-channels-heading = Canaux
workspace-channels-none = Il n’y a pas encore de canal que vous pouvez lire.
workspace-channel-private = Privé
workspace-channel-archived = Archivé
workspace-summary-only = Vous n’êtes pas membre de cet espace : vous n’en voyez que le résumé.
workspace-about-heading = À propos de cet espace
workspace-no-sdgs = Aucun choisi
workspace-organisations-heading = Organisations participantes
field-participation = Participation

# Gérer un espace de travail.
workspace-admin-title = Gérer { $workspace }
workspace-back-link = Retour à { $workspace }
workspace-settings-heading = Paramètres
field-workspace-archived = Archivé
field-workspace-archived-hint = Un espace archivé reste lisible, mais personne ne peut plus y écrire.
workspace-settings-submit = Enregistrer les paramètres
workspace-invite-heading = Inviter une organisation
workspace-invite-none = Toutes les organisations actives participent déjà ou sont déjà invitées.
field-workspace-organisation = Organisation
workspace-invite-hint = Un de ses administrateurs accepte ou refuse en son nom.
workspace-invite-submit = Envoyer l’invitation
workspace-own-people-heading = Vos collègues dans cet espace
workspace-members-heading = Membres
workspace-members-none = Personne pour l’instant.
field-workspace-person = Personne
field-workspace-role = Rôle dans l’espace
workspace-role-of = Nouveau rôle de { $name }
workspace-role-submit = Modifier le rôle de { $name }
workspace-leave = Quitter l’espace de travail
workspace-remove-member = Retirer { $name }
workspace-add-member-heading = Ajouter une personne
workspace-add-member-none = Toutes les personnes que vous pouvez ajouter sont déjà membres.
workspace-add-member-submit = Ajouter à l’espace
field-workspace-channel-name = Nom du canal
field-workspace-channel-topic = Sujet
workspace-channel-save = Enregistrer { $channel }
workspace-channel-archive = Archiver { $channel }
workspace-channel-unarchive = Rouvrir { $channel }
workspace-channel-new-heading = Nouveau canal
field-workspace-channel-private = Canal privé
field-workspace-channel-private-hint = Seules les personnes choisies ci-dessous peuvent le lire.
field-workspace-channel-members = Membres du canal privé
workspace-channel-create-submit = Créer le canal

# Annuaire et personnes.
directory-title = Annuaire
directory-intro = Trouvez des collègues dans toutes les organisations du réseau : par nom, fonction, pays, langues lues ou objectifs sur lesquels ils travaillent.
directory-search-label = Rechercher dans l’annuaire
directory-field-q = Nom ou fonction
directory-field-q-hint = Par exemple : finances, mobilité, adjoint au maire.
directory-field-kind = Participe en tant que
directory-field-language = Lit
directory-field-theme = Travaille sur
directory-any = Tous
directory-submit = Rechercher
directory-reset = Afficher tout le monde
directory-results-heading = Personnes
directory-results-count = { $count ->
    [0] Personne ne correspond à cette recherche.
    [one] Une personne trouvée.
   *[other] { $count } personnes trouvées.
}
directory-languages = Langues
person-not-given = Non renseigné
person-kind = Participe en tant que
person-languages = Langues lues
person-themes = Thèmes de travail
person-edit-own = Modifier votre profil
person-send-message = Envoyer un message direct à { $name }
person-back-to-directory = Retour à l’annuaire

# Conversations directes.
conversations-title = Messages directs
conversations-none = Vous n’avez pas encore de conversation directe.
conversations-start-hint = Pour commencer une conversation, ouvrez la page d’un collègue et envoyez-lui un message.

workspace-leave-named = Quitter { $workspace }
notice-owner-restored = La personne est désormais propriétaire de l’espace de travail.
workspace-restore-owner-heading = Rétablir un propriétaire
workspace-restore-owner-hint = Pour un espace de travail sans propriétaire légitime : la personne de votre organisation que vous choisissez en devient propriétaire. Cette action est consignée dans le journal d’audit.
workspace-restore-owner-submit = Nommer propriétaire
participation-withdraw = Retirer votre organisation de { $workspace }
participation-withdraw-hint = Toutes les personnes de votre organisation quittent aussitôt l’espace de travail. Pour revenir, il faudra une nouvelle invitation.
notice-participation-withdrawn = Votre organisation a quitté l’espace de travail.

# Gestion des membres et des organisations.
members-title = Membres de { $organisation }
members-heading = Membres
members-actions = Gestion
members-make-admin = Faire de { $name } un administrateur
members-make-member = Faire de { $name } un simple membre
members-deactivate = Désactiver { $name }
members-reactivate = Réactiver { $name }
invite-heading = Inviter un collègue
invite-submit = Envoyer l’invitation
invitations-heading = Invitations envoyées
invitations-none = Aucune invitation pour l’instant.
invitations-expires = Valable jusqu’au
invitations-revoke = Annuler l’invitation de { $email }
orgs-title = Organisations du réseau
orgs-heading = Liste des organisations
orgs-new-heading = Ajouter une organisation
orgs-create-submit = Ajouter l’organisation
orgs-members-link = Membres de { $organisation }
orgs-edit-link = Modifier { $organisation }
org-edit-title = Modifier { $organisation }
org-edit-submit = Enregistrer
org-suspend-hint = Les membres d’une organisation suspendue ne peuvent pas se connecter ; leurs sessions prennent fin immédiatement.

# Delivery: a member whose address hard-bounced, on the members page.
delivery-member-bounced = E-mail refusé par son serveur

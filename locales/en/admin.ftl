# Administration of members and organisations.
members-title = Members of { $organisation }
members-heading = Members
members-actions = Actions
members-make-admin = Make { $name } an administrator
members-make-member = Make { $name } a member
members-deactivate = Deactivate { $name }
members-reactivate = Reactivate { $name }
invite-heading = Invite a colleague
invite-submit = Send the invitation
invitations-heading = Invitations
invitations-none = No invitations yet.
invitations-expires = Valid until
invitations-revoke = Revoke the invitation for { $email }
orgs-title = Organisations of the network
orgs-heading = Organisations
orgs-new-heading = Add an organisation
orgs-create-submit = Add the organisation
orgs-members-link = Members of { $organisation }
orgs-edit-link = Edit { $organisation }
org-edit-title = Edit { $organisation }
org-edit-submit = Save
org-suspend-hint = Members of a suspended organisation cannot sign in; their sessions end at once.

# Delivery: a member whose address hard-bounced, on the members page.
delivery-member-bounced = Email refused by its server

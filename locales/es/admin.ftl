# Administración de miembros y organizaciones.
members-title = Miembros de { $organisation }
members-heading = Miembros
members-actions = Acciones
members-make-admin = Dar el rol de administrador a { $name }
members-make-member = Dar el rol de miembro a { $name }
members-deactivate = Desactivar a { $name }
members-reactivate = Reactivar a { $name }
invite-heading = Invitar a un colega
invite-submit = Enviar la invitación
invitations-heading = Invitaciones
invitations-none = Todavía no hay invitaciones.
invitations-expires = Válida hasta
invitations-revoke = Anular la invitación de { $email }
orgs-title = Organizaciones de la red
orgs-heading = Organizaciones
orgs-new-heading = Agregar una organización
orgs-create-submit = Agregar la organización
orgs-members-link = Miembros de { $organisation }
orgs-edit-link = Editar { $organisation }
org-edit-title = Editar { $organisation }
org-edit-submit = Guardar
org-suspend-hint = Los miembros de una organización suspendida no pueden iniciar sesión; sus sesiones terminan de inmediato.

# Delivery: a member whose address hard-bounced, on the members page.
delivery-member-bounced = Correo rechazado por su servidor

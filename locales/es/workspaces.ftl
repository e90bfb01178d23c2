# Navegación.
nav-workspaces = Espacios de trabajo
nav-direct = Mensajes directos
nav-directory = Directorio

# Página de inicio.
home-workspaces-heading = Sus espacios de trabajo
home-new-workspace = Crear un espacio de trabajo
home-others-heading = Otros espacios de trabajo que puede ver
home-invitations-heading = Invitaciones para { $organisation }
home-direct-heading = Mensajes directos
home-direct-none = Todavía no tiene conversaciones directas.
home-all-direct = Todos los mensajes directos
home-find-colleague = Buscar a un colega en el directorio
home-search-label = Buscar mensajes
home-search-field = Buscar en sus mensajes
home-search-submit = Buscar
unread-count-badge = { $count ->
    [one] { $count } mensaje sin leer
   *[other] { $count } mensajes sin leer
}
mention-count-badge = { $count ->
    [one] { $count } mención de usted
   *[other] { $count } menciones de usted
}
participation-accept = Aceptar la invitación a { $workspace }
participation-decline = Rechazar la invitación a { $workspace }
participation-from = Invitación de { $organisation }
participation-details = Más sobre { $workspace }

# Valores fijos.
workspace-kind-twinning = Hermanamiento
workspace-kind-working-group = Grupo de trabajo
workspace-kind-network = Red
workspace-kind-experiment = Proyecto piloto
visibility-invite-only = Solo por invitación
visibility-discoverable = Visible en la red
visibility-invite-only-hint = Solo las organizaciones que usted invite saben que este espacio existe.
visibility-discoverable-hint = Toda la red ve su nombre, su descripción y sus organizaciones; solo los miembros leen las conversaciones.
workspace-role-owner = Propietario
workspace-role-moderator = Moderador
workspace-role-member = Miembro
workspace-role-observer = Observador (solo lectura)
participation-invited = Invitada
participation-active = Participa
participation-declined = Rechazó
participation-left = Se retiró

# Confirmaciones.
notice-workspace-created = Se creó el espacio de trabajo.
notice-workspace-saved = Se guardó la configuración.
notice-organisation-invited = Se invitó a la organización. Participará cuando uno de sus administradores acepte.
notice-participation-accepted = Su organización ahora participa en el espacio de trabajo.
notice-participation-declined = Se rechazó la invitación.
notice-member-added = Se agregó a la persona al espacio de trabajo.
notice-member-role-changed = Se cambió el rol.
notice-member-removed = Se retiró a la persona del espacio de trabajo.
notice-workspace-left = Usted salió del espacio de trabajo.
notice-workspace-channel-created = Se creó el canal.
notice-workspace-channel-saved = Se guardó el canal.

# Crear un espacio de trabajo.
workspace-new-title = Nuevo espacio de trabajo
workspace-new-intro = Un espacio de trabajo reúne a organizaciones: un hermanamiento, un grupo de trabajo, una red o un proyecto piloto. Una vez creado, podrá invitar a otras organizaciones.
field-workspace-owner = Organización propietaria del espacio
field-workspace-owner-hint = Como administrador de la red, puede crear un espacio para otra organización.
field-workspace-kind = Tipo de espacio
field-workspace-name = Nombre del espacio
field-workspace-name-hint = Por ejemplo: Aalst – Bohicon, o grupo de trabajo Post-Agenda 2030.
field-workspace-description = Descripción
field-workspace-sdgs = Objetivos de Desarrollo Sostenible que aborda
field-visibility = Quién puede encontrarlo
field-workspace-language = Idioma predeterminado
field-workspace-language-hint = El idioma del nombre de su primer canal y de los mensajes para todos.
workspace-create-submit = Crear el espacio de trabajo

# La página de un espacio de trabajo.
workspace-archived = Archivado
workspace-your-role = Su rol: { $role }
workspace-admin-link = Administrar { $workspace }
workspace-invitation-heading = Su organización está invitada
workspace-invitation-text = Como administrador de su organización, usted decide si participa. Si acepta, pasa a ser miembro y puede agregar a sus colegas.
workspace-channels-heading = Canales
workspace-channels-none = Todavía no hay canales que usted pueda leer.
workspace-channel-private = Privado
workspace-channel-archived = Archivado
workspace-summary-only = Usted no es miembro de este espacio, por eso solo ve su resumen.
workspace-about-heading = Acerca de este espacio
workspace-no-sdgs = Ninguno elegido
workspace-organisations-heading = Organizaciones
field-participation = Participación

# Administrar un espacio de trabajo.
workspace-admin-title = Administrar { $workspace }
workspace-back-link = Volver a { $workspace }
workspace-settings-heading = Configuración
field-workspace-archived = Archivado
field-workspace-archived-hint = Un espacio archivado se puede seguir leyendo, pero nadie puede publicar en él.
workspace-settings-submit = Guardar la configuración
workspace-invite-heading = Invitar a una organización
workspace-invite-none = Todas las organizaciones activas ya participan o ya están invitadas.
field-workspace-organisation = Organización
workspace-invite-hint = Uno de sus administradores acepta o rechaza en su nombre.
workspace-invite-submit = Enviar la invitación
workspace-own-people-heading = Sus colegas en este espacio
workspace-members-heading = Miembros
workspace-members-none = Todavía nadie.
field-workspace-person = Persona
field-workspace-role = Rol en el espacio
workspace-role-of = Nuevo rol de { $name }
workspace-role-submit = Cambiar el rol de { $name }
workspace-leave = Salir del espacio de trabajo
workspace-remove-member = Retirar a { $name }
workspace-add-member-heading = Agregar a una persona
workspace-add-member-none = Todas las personas que puede agregar ya son miembros.
workspace-add-member-submit = Agregar al espacio
field-workspace-channel-name = Nombre del canal
field-workspace-channel-topic = Tema
workspace-channel-save = Guardar { $channel }
workspace-channel-archive = Archivar { $channel }
workspace-channel-unarchive = Reabrir { $channel }
workspace-channel-new-heading = Nuevo canal
field-workspace-channel-private = Canal privado
field-workspace-channel-private-hint = Solo las personas que elija a continuación pueden leerlo.
field-workspace-channel-members = Miembros del canal privado
workspace-channel-create-submit = Crear el canal

# Directorio y personas.
directory-title = Directorio
directory-intro = Encuentre colegas en todas las organizaciones de la red: por nombre, función, país, los idiomas que leen o los objetivos en los que trabajan.
directory-search-label = Buscar en el directorio
directory-field-q = Nombre o función
directory-field-q-hint = Por ejemplo: finanzas, movilidad, concejal.
directory-field-kind = Participa como
directory-field-language = Lee
directory-field-theme = Trabaja en
directory-any = Cualquiera
directory-submit = Buscar
directory-reset = Mostrar a todos
directory-results-heading = Personas
directory-results-count = { $count ->
    [0] Nadie coincide con esta búsqueda.
    [one] Se encontró una persona.
   *[other] Se encontraron { $count } personas.
}
directory-languages = Idiomas
person-not-given = No indicado
person-kind = Participa como
person-languages = Idiomas que lee
person-themes = Temas en los que trabaja
person-edit-own = Editar su perfil
person-send-message = Enviar un mensaje directo a { $name }
person-back-to-directory = Volver al directorio

# Conversaciones directas.
conversations-title = Mensajes directos
conversations-none = Todavía no tiene conversaciones directas.
conversations-start-hint = Para iniciar una conversación, abra la página de un colega y envíele un mensaje.

workspace-leave-named = Salir de { $workspace }
notice-owner-restored = La persona ahora es propietaria del espacio de trabajo.
workspace-restore-owner-heading = Restablecer un propietario
workspace-restore-owner-hint = Para un espacio de trabajo sin propietario legítimo: la persona de su organización que usted elija pasa a ser propietaria. Esto queda registrado en el registro de auditoría.
workspace-restore-owner-submit = Nombrar propietario
participation-withdraw = Retirar a su organización de { $workspace }
participation-withdraw-hint = Todas las personas de su organización salen de inmediato del espacio de trabajo. Para volver se necesita una nueva invitación.
notice-participation-withdrawn = Su organización salió del espacio de trabajo.

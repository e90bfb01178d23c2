# Diseño, navegación y etiquetas comunes.
skip-to-content = Ir al contenido principal
nav-label = Menú principal
nav-search = Buscar
nav-profile = Perfil
nav-organisation = Mi organización
nav-network = Red
nav-signout = Cerrar sesión
language-switcher-label = Idioma
footer-text = Agora — municipios y sus socios trabajando juntos.
form-errors-title = Por favor, corrija lo siguiente
home-title = Inicio
home-welcome = Le damos la bienvenida, { $name }
home-intro = Aquí aparecerán sus espacios de trabajo con los municipios socios.
home-link-profile = Editar su perfil e idioma
home-link-members = Ver a los miembros de su organización

# Idiomas, cada uno con su nombre en su propio idioma.
autonym-en = English
autonym-nl = Nederlands
autonym-fr = Français
autonym-es = Español
autonym-de = Deutsch
autonym-pt = Português
autonym-ar = العربية
autonym-wo = Wolof
autonym-fon = Fɔngbè
autonym-rw = Ikinyarwanda
autonym-sw = Kiswahili
autonym-qu = Runa Simi

# Campos de formulario.
field-email = Correo electrónico
field-password = Contraseña
field-new-password = Nueva contraseña
field-password-confirm = Repita la contraseña
field-password-hint = Al menos 10 caracteres. Una frase corta es fácil de recordar.
field-current-password = Contraseña actual
field-display-name = Su nombre
field-function = Cargo
field-function-hint = Por ejemplo: concejal de cooperación internacional, director financiero.
field-user-kind = Participa como
field-interface-language = Idioma de la interfaz
field-languages-read = Idiomas que lee
field-time-zone = Zona horaria
field-organisation-name = Nombre de la organización
field-org-kind = Tipo de organización
field-country = País
field-country-hint = Código de país de dos letras, por ejemplo BE, BJ, SN o EC.
field-default-language = Idioma predeterminado
field-role = Rol
field-status = Estado
field-invitation-language = Idioma del correo de invitación

# Listas de valores fijos.
org-kind-flemish-municipality = Municipio flamenco
org-kind-partner-municipality = Municipio socio
org-kind-association = Asociación de municipios
org-kind-network-operator = Gestor de la red
org-kind-other = Otra organización
org-status-active = Activa
org-status-suspended = Suspendida
role-member = Miembro
role-admin = Administrador
user-status-active = Activo
user-status-deactivated = Desactivado
user-kind-official = Funcionario público
user-kind-politician = Autoridad electa
user-kind-other = Otro
invitation-status-pending = Pendiente
invitation-status-accepted = Aceptada
invitation-status-revoked = Anulada
invitation-status-expired = Vencida

# Confirmaciones que se muestran después de una acción.
notice-reset-sent = Si existe una cuenta con esa dirección, le enviamos un enlace para elegir una nueva contraseña.
notice-password-reset = Su contraseña se cambió correctamente. Ya puede iniciar sesión.
notice-signed-out = Se cerró su sesión.
notice-profile-saved = Se guardó su perfil.
notice-password-changed = Se cambió su contraseña. Se cerraron sus demás sesiones.
notice-invitation-sent = Se envió la invitación.
notice-invitation-revoked = Se anuló la invitación.
notice-member-updated = Se actualizaron los datos del miembro.
notice-organisation-saved = Se guardó la organización.

# Página de error.
error-page-title = Algo salió mal
error-page-status = Código de error { $status }
error-page-home = Ir a la página de inicio

# Objetivos de Desarrollo Sostenible.
field-themes = Temas en los que trabaja (Objetivos de Desarrollo Sostenible)
sdg-1 = ODS { $number }: Fin de la pobreza
sdg-2 = ODS { $number }: Hambre cero
sdg-3 = ODS { $number }: Salud y bienestar
sdg-4 = ODS { $number }: Educación de calidad
sdg-5 = ODS { $number }: Igualdad de género
sdg-6 = ODS { $number }: Agua limpia y saneamiento
sdg-7 = ODS { $number }: Energía asequible y no contaminante
sdg-8 = ODS { $number }: Trabajo decente y crecimiento económico
sdg-9 = ODS { $number }: Industria, innovación e infraestructura
sdg-10 = ODS { $number }: Reducción de las desigualdades
sdg-11 = ODS { $number }: Ciudades y comunidades sostenibles
sdg-12 = ODS { $number }: Producción y consumo responsables
sdg-13 = ODS { $number }: Acción por el clima
sdg-14 = ODS { $number }: Vida submarina
sdg-15 = ODS { $number }: Vida de ecosistemas terrestres
sdg-16 = ODS { $number }: Paz, justicia e instituciones sólidas
sdg-17 = ODS { $number }: Alianzas para lograr los objetivos
channel-general-name = general

# Ajustes de correo, baja con un clic y enlaces de inicio de sesión.
email-settings-title = Ajustes de correo
email-settings-link = Ajustes de correo
email-settings-intro = Elija qué correos le envía Agora y cuándo.
email-settings-digest-legend = Resumen de lo que se perdió
email-settings-cadence-label = Con qué frecuencia
email-cadence-off = Nunca
email-cadence-daily = Cada día
email-cadence-every-other-day = Cada dos días
email-cadence-weekly = Una vez por semana
email-settings-weekday-label = Día del resumen semanal
email-settings-weekday-hint = Solo cuenta cuando el resumen llega una vez por semana.
email-settings-hour-label = Hora
email-settings-hour-hint = En su zona horaria, { $zone }.
email-settings-change-zone = Cambiar su zona horaria
email-settings-mentions-label = Correos sobre menciones y mensajes directos
email-batching-immediately = De inmediato
email-batching-every-15-minutes = Como máximo cada 15 minutos
email-batching-hourly = Como máximo una vez por hora
email-batching-off = Nunca
email-settings-workspaces-legend = Ningún correo de estos espacios de trabajo
email-settings-workspaces-hint = Marque un espacio de trabajo para no recibir ningún correo sobre él.
email-settings-no-workspaces = Usted aún no es miembro de ningún espacio de trabajo.
email-settings-submit = Guardar los ajustes de correo
notice-email-settings-saved = Se guardaron sus ajustes de correo.
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
signin-link-offer = Iniciar sesión con un enlace enviado por correo
signin-link-title = Iniciar sesión con un enlace por correo
signin-link-intro = Ingrese su dirección de correo y le enviaremos un enlace que inicia su sesión, válido por 15 minutos.
signin-link-submit = Enviar el enlace de inicio de sesión
signin-link-confirm-title = Iniciar sesión en Agora
signin-link-confirm-intro = Este enlace inicia su sesión una sola vez. Presione el botón para continuar.
signin-link-confirm-submit = Iniciar sesión
notice-signin-link-sent = Si existe una cuenta con esa dirección, le enviamos un enlace de inicio de sesión.
email-signin-link-subject = Su enlace de inicio de sesión en Agora
email-signin-link-greeting = Hola, { $name }:
email-signin-link-intro = Alguien pidió un enlace para iniciar sesión en su cuenta de Agora. Si fue usted, inicie sesión con el botón de abajo.
email-signin-link-action = Iniciar sesión
email-signin-link-expiry = { $minutes ->
    [one] El enlace funciona una sola vez y es válido por un minuto.
   *[other] El enlace funciona una sola vez y es válido por { $minutes } minutos.
}
email-signin-link-ignore = Si no lo pidió, puede ignorar este correo: nadie inicia sesión sin el enlace.
unsubscribe-title = Correos de Agora
unsubscribe-digest-active = Usted recibe el resumen de lo que se ha perdido.
unsubscribe-digest-stopped = Usted ya no recibirá el resumen de lo que se ha perdido.
unsubscribe-notifications-active = Usted recibe correos sobre menciones y mensajes directos.
unsubscribe-notifications-stopped = Usted ya no recibirá correos sobre menciones y mensajes directos.
unsubscribe-workspace-active = Usted recibe correos sobre el espacio de trabajo { $workspace }.
unsubscribe-workspace-stopped = Usted ya no recibirá correos sobre el espacio de trabajo { $workspace }.
unsubscribe-stop = Dejar de recibir estos correos
unsubscribe-undo = Deshacer: volver a recibirlos
unsubscribe-settings = Todos sus ajustes de correo

# Delivery: an address whose mail server refused our email for good (a hard bounce).
delivery-bounced-title = Los correos a { $address } no llegan
delivery-bounced-body = El { $date }, el servidor de correo de esta dirección rechazó nuestros correos de forma definitiva. Los resúmenes y los correos sobre menciones y mensajes directos a esta dirección están en pausa. Se reanudarán en cuanto se acepte de nuevo un correo a esta dirección (por ejemplo, un enlace de inicio de sesión), o cuando usted cambie su dirección de correo en su perfil.

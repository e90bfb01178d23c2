# Mensajes de error, uno por cada código de error estable (error-<code>).
error-not-found = No pudimos encontrar esa página o ese elemento.
error-unauthenticated = Primero inicie sesión.
error-forbidden = No tiene permiso para hacer eso.
error-csrf-failed = Este formulario venció. Vuelva a cargar la página e inténtelo de nuevo.
error-rate-limited = Demasiados intentos. Espere { $minutes ->
    [one] un minuto
   *[other] { $minutes } minutos
} e inténtelo de nuevo.
error-invalid-body = No se pudo leer la solicitud. Revise su formato y sus campos.
error-payload-too-large = La solicitud es demasiado grande.
error-unsupported-media-type = Aquí no se acepta este tipo de contenido.
error-field-required = Complete este campo.
error-field-too-long = Es demasiado largo: como máximo { $max } caracteres.
error-invalid-email = Ingrese un correo electrónico válido, como nombre@municipio.be.
error-invalid-value = Este valor no es válido.
error-password-too-short = La contraseña debe tener al menos { $min } caracteres.
error-password-too-long = La contraseña puede tener como máximo { $max } caracteres.
error-password-mismatch = Las dos contraseñas no coinciden.
error-invalid-credentials = El correo electrónico o la contraseña no son correctos.
error-organisation-suspended = El acceso de su organización a Agora está suspendido. Comuníquese con el gestor de la red.
error-invalid-token = Este enlace no es válido o ya venció. Solicite uno nuevo.
error-email-taken = Ya existe una cuenta con este correo electrónico.
error-setup-done = Agora ya está configurado.
error-cannot-change-self = No puede cambiar su propio rol, estado u organización de esta manera.
error-internal = Algo salió mal de nuestro lado. Inténtelo de nuevo más tarde.
error-unavailable = Agora no está disponible temporalmente. Inténtelo de nuevo en un momento.
error-quota-exceeded = Sus archivos ocuparían más de sus { $limit } MiB de almacenamiento. Elimine los mensajes con archivos que ya no necesite o espere a que se borren las cargas sin usar.
error-organisation-quota-exceeded = Los archivos de su organización ocuparían más de sus { $limit } MiB de almacenamiento. Consulte al administrador de su organización.
error-already-member = Esta persona ya es miembro de este espacio de trabajo. Cambie su rol en la lista de miembros.
error-last-owner = Un espacio de trabajo necesita al menos un propietario. Primero nombre propietario a otra persona.
error-owner-organisation-cannot-leave = La organización propietaria de este espacio de trabajo no puede abandonarlo. Un propietario puede archivar el espacio de trabajo.
error-already-exists = Esto ya existe: otra solicitud lo acaba de crear. Vuelva a cargar la página para verlo.

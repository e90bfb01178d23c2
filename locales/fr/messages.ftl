# Conversations : un canal, ses messages, fils, modifications, réactions et recherche.

# Un canal ou une conversation directe.
direct-heading = Conversation avec { $people }
channel-workspace = Espace de travail :
channel-search = Rechercher dans ce canal
direct-search = Rechercher dans cette conversation
channel-read-only = Vous pouvez lire cette conversation, mais pas y écrire.
channel-archived-notice = Ce canal est archivé : vous pouvez le lire, mais personne ne peut plus y écrire.
messages-heading = Liste des messages
messages-none = Pas encore de message. Écrivez le premier ci-dessous.
history-older = Messages plus anciens
history-newer = Messages plus récents
history-latest = Derniers messages
live-new-message = Nouveau message de { $name }

# Un message.
message-language = Langue :
message-edited = (modifié)
message-deleted = Ce message a été supprimé.
message-attachments = Pièces jointes
message-replies =
    { $count ->
        [one] { $count } réponse
       *[other] { $count } réponses
    }
message-reply = Répondre dans le fil
message-edit = Modifier
message-delete = Supprimer
reaction-people =
    { $count ->
        [one] { $count } personne a réagi
       *[other] { $count } personnes ont réagi
    }
reaction-add = Ajouter une réaction
file-size =
    { $unit ->
        [b] { $size } octets
        [kb] { $size } Ko
       *[mb] { $size } Mo
    }

# Écrire un message.
composer-heading = Écrire un message
composer-reply-heading = Répondre dans ce fil
composer-body = Votre message
composer-body-hint = Vous pouvez utiliser Markdown : **gras**, *italique*, listes et liens.
composer-language = Langue de votre message
composer-language-detect = Détecter automatiquement
composer-files = Joindre des fichiers
composer-files-hint =
    { $count ->
        [one] Un fichier de 10 Mo au maximum.
       *[other] Jusqu’à { $count } fichiers de 10 Mo au maximum chacun.
    }
composer-send = Envoyer
composer-send-reply = Envoyer la réponse

# Un fil.
thread-title = Fil dans { $channel }
thread-back = Retour à { $channel }
thread-replies-heading = Réponses
thread-no-replies = Pas encore de réponse.

# Modifier et supprimer.
edit-title = Modifier le message
delete-title = Supprimer le message
edit-back = Retour à la conversation
edit-current-heading = Le message actuel
edit-heading = Modifier le message
edit-language = Langue du message
edit-language-hint = Corrigez-la si elle a été mal reconnue : les lecteurs et la recherche l’utilisent.
edit-save = Enregistrer les modifications
edit-cancel = Annuler
delete-heading = Supprimer ce message
delete-text = La conversation indiquera qu’un message a été supprimé. Cette action est définitive.
delete-submit = Supprimer le message

# Recherche.
search-title = Rechercher des messages
search-results-title = Recherche : { $query }
search-query = Mots à rechercher
search-workspace = Espace de travail
search-all-workspaces = Tous vos espaces de travail
search-from = Du (date)
search-until = Au (date)
search-submit = Rechercher
search-narrowed = Uniquement dans le canal ou parmi les messages de la personne d’où vous venez.
search-everywhere = Rechercher partout
search-results =
    { $count ->
        [0] Aucun message trouvé
        [one] Un message trouvé
       *[other] { $count } messages trouvés
    }
search-none = Essayez d’autres mots, ou moins de filtres.
search-hit-in = Dans { $channel }
search-hit-in-workspace = Dans { $channel } ({ $workspace })

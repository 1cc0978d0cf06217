<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
  <context>
    <name>studio</name>
    <message>
      <location filename="../../main_window.py" line="158" />
      <source>&amp;Edit</source>
      <translation>É&amp;dition</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="147" />
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="126" />
      <source>&amp;New story</source>
      <translation>&amp;Nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="143" />
      <source>&amp;Next problem</source>
      <translation>Problème &amp;suivant</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="127" />
      <source>&amp;Open…</source>
      <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="142" />
      <source>&amp;Play / Pause</source>
      <translation>&amp;Lecture / Pause</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="132" />
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="135" />
      <source>&amp;Redo</source>
      <translation>&amp;Rétablir</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="137" />
      <source>&amp;Render…</source>
      <translation>&amp;Exporter…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="131" />
      <source>&amp;Revert to saved</source>
      <translation>&amp;Revenir à la version enregistrée</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="129" />
      <source>&amp;Save</source>
      <translation>&amp;Enregistrer</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="145" />
      <source>&amp;Settings…</source>
      <translation>&amp;Réglages…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="133" />
      <source>&amp;Undo</source>
      <translation>&amp;Annuler</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="163" />
      <source>&amp;Video</source>
      <translation>&amp;Vidéo</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="178" />
      <source>(none)</source>
      <translation>(aucun)</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="81" />
      <source>(the story's, else the campaign's)</source>
      <translation>(celui de l’histoire, sinon celui de la campagne)</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="92" />
      <source>A new language applies at the next start.</source>
      <translation>Une nouvelle langue s’applique au prochain démarrage.</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="106" />
      <source>Anonymise</source>
      <translation>Anonymiser</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" line="75" />
      <source>Beats (top) and captions (bottom); click one to go to it</source>
      <translation>Temps forts (en haut) et sous-titres (en bas) ; cliquez pour y aller</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="97" />
      <source>Blur faces</source>
      <translation>Flouter les visages</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="91" />
      <source>Brand kit</source>
      <translation>Charte</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="135" />
      <source>Canvas:</source>
      <translation>Format :</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" line="44" />
      <source>Caption</source>
      <translation>Sous-titre</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="94" />
      <source>Caption style</source>
      <translation>Style des sous-titres</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="69" />
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="65" />
      <source>Consent</source>
      <translation>Consentement</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="61" />
      <source>Consent date</source>
      <translation>Date du consentement</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="54" />
      <source>Consent given</source>
      <translation>Consentement donné</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="58" />
      <source>Consent given by</source>
      <translation>Consentement donné par</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="69" />
      <source>Content warning</source>
      <translation>Avertissement</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" line="46" />
      <source>Content warning card</source>
      <translation>Carton d’avertissement</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="40" />
      <source>Copy details</source>
      <translation>Copier les détails</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="331" />
      <source>Copy files from other folders into {folder}, so the story keeps working when its folder is moved?</source>
      <translation>Copier les fichiers venant d’autres dossiers dans {folder}, pour que l’histoire marche encore si son dossier est déplacé ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="330" />
      <source>Copy media into the story's folder?</source>
      <translation>Copier les médias dans le dossier de l’histoire ?</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="67" />
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="80" />
      <source>Default brand kit</source>
      <translation>Charte par défaut</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="35" />
      <source>Details</source>
      <translation>Détails</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="98" />
      <source>Disguise voice</source>
      <translation>Déguiser la voix</translation>
    </message>
    <message>
      <location filename="../../document.py" line="26" />
      <source>Edit text</source>
      <translation>Modifier le texte</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="93" />
      <source>End card</source>
      <translation>Carton de fin</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" line="48" />
      <source>End card with the helpline</source>
      <translation>Carton de fin avec le numéro d’aide</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="66" />
      <source>Given by</source>
      <translation>Donné par</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="52" />
      <source>Hint:</source>
      <translation>Conseil :</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="119" />
      <source>Kindness Studio closed without saving {name}. Its text as it was at {time} can be restored.</source>
      <translation>Kindness Studio s’est fermé sans enregistrer {name}. Son texte tel qu’il était à {time} peut être restauré.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="423" />
      <source>Kindness Studio met an unexpected problem. Your text is safe (it was written to the recovery file). Copy the details below into a bug report.</source>
      <translation>Kindness Studio a rencontré un problème inattendu. Votre texte est en sécurité (il a été écrit dans le fichier de récupération). Copiez les détails ci-dessous dans un signalement.</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="87" />
      <source>Language</source>
      <translation>Langue</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" line="32" />
      <source>Line</source>
      <translation>Ligne</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="166" />
      <source>Main</source>
      <translation>Principal</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" line="39" />
      <source>Missing media file</source>
      <translation>Fichier média manquant</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="95" />
      <source>Music</source>
      <translation>Musique</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="181" />
      <source>New story</source>
      <translation>Nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" line="64" />
      <source>No problems: the story is ready to render.</source>
      <translation>Aucun problème : l’histoire est prête à exporter.</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="254" />
      <source>No sound device: playing silently</source>
      <translation>Pas de sortie son : lecture muette</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="342" />
      <source>Not a picture, clip or sound: {names}</source>
      <translation>Ni photo, ni vidéo, ni son : {names}</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="128" />
      <source>Open &amp;folder…</source>
      <translation>Ouvrir un &amp;dossier…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="256" />
      <source>Open a folder of stories</source>
      <translation>Ouvrir un dossier d’histoires</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="251" />
      <source>Open a story</source>
      <translation>Ouvrir une histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="68" />
      <source>Output folder</source>
      <translation>Dossier d’export</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="253" />
      <source>Pause</source>
      <translation>Pause</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="124" />
      <source>Play</source>
      <translation>Lecture</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="125" />
      <source>Play or pause</source>
      <translation>Lecture ou pause</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="126" />
      <source>Play or pause (Space)</source>
      <translation>Lecture ou pause (Espace)</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="129" />
      <source>Playhead</source>
      <translation>Tête de lecture</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="72" />
      <source>Presets</source>
      <translation>Formats</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="119" />
      <source>Preview canvas</source>
      <translation>Format de l’aperçu</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="58" />
      <source>Preview frame</source>
      <translation>Image de l’aperçu</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="401" />
      <source>Problem</source>
      <translation>Problème</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="71" />
      <source>Problems</source>
      <translation>Problèmes</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="150" />
      <source>Recent &amp;files</source>
      <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="73" />
      <source>Render queue</source>
      <translation>File d’export</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="138" />
      <source>Render the story for the chosen platforms</source>
      <translation>Exporter l’histoire pour les plateformes choisies</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="141" />
      <source>Rendering from the studio is not available in this build</source>
      <translation>L’export depuis le studio n’est pas disponible dans cette version</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="445" />
      <source>Renders are running</source>
      <translation>Des exports sont en cours</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="123" />
      <source>Restore</source>
      <translation>Restaurer</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="118" />
      <source>Restore unsaved work?</source>
      <translation>Restaurer le travail non enregistré ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="286" />
      <source>Revert to saved</source>
      <translation>Revenir à la version enregistrée</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="121" />
      <source>Safe zones</source>
      <translation>Zones sûres</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="130" />
      <source>Save &amp;as…</source>
      <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="217" />
      <source>Save the changes to {name}?</source>
      <translation>Enregistrer les modifications de {name} ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="268" />
      <source>Save the story as</source>
      <translation>Enregistrer l’histoire sous</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="316" />
      <source>Save the story first</source>
      <translation>Enregistrez d’abord l’histoire</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="317" />
      <source>Save the story once so that its media have a folder to live in.</source>
      <translation>Enregistrez l’histoire une fois pour que ses médias aient un dossier où vivre.</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="279" />
      <source>Saved {name}</source>
      <translation>{name} enregistré</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="65" />
      <source>Settings</source>
      <translation>Réglages</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="144" />
      <source>Show &amp;safe zones</source>
      <translation>Afficher les &amp;zones sûres</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="122" />
      <source>Show the parts of the screen each platform covers with its buttons</source>
      <translation>Montrer les parties de l’écran que chaque plateforme couvre de ses boutons</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="422" />
      <source>Something went wrong</source>
      <translation>Un problème est survenu</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="446" />
      <source>Stop the renders in progress and quit?</source>
      <translation>Arrêter les exports en cours et quitter ?</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="69" />
      <source>Stories</source>
      <translation>Histoires</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="251" />
      <source>Stories (*.md *.txt)</source>
      <translation>Histoires (*.md *.txt)</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="268" />
      <source>Stories (*.md)</source>
      <translation>Histoires (*.md)</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="28" />
      <source>Story details</source>
      <translation>Fiche de l’histoire</translation>
    </message>
    <message>
      <location filename="../../editor.py" line="49" />
      <source>Story text</source>
      <translation>Texte de l’histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="88" />
      <source>System language</source>
      <translation>Langue du système</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="115" />
      <source>The front matter cannot be read: fix it in the text.</source>
      <translation>L’en-tête ne peut pas être lu : corrigez-le dans le texte.</translation>
    </message>
    <message>
      <location filename="../../preview_panel.py" line="120" />
      <source>The preset whose canvas is previewed</source>
      <translation>Le format dont l’aperçu montre le cadre</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="287" />
      <source>Throw away the changes since the last save?</source>
      <translation>Abandonner les modifications depuis le dernier enregistrement ?</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" line="74" />
      <source>Timeline of beats and captions</source>
      <translation>Frise des temps forts et des sous-titres</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="45" />
      <source>Title</source>
      <translation>Titre</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="217" />
      <source>Unsaved changes</source>
      <translation>Modifications non enregistrées</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="96" />
      <source>Voice-over</source>
      <translation>Voix off</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="60" />
      <source>YYYY-MM-DD</source>
      <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="117" />
      <source>a new story</source>
      <translation>une nouvelle histoire</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="57" />
      <source>by whom</source>
      <translation>par qui</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="337" />
      <source>cannot copy the file</source>
      <translation>impossible de copier le fichier</translation>
    </message>
    <message>
      <location filename="../../document.py" line="119" />
      <source>cannot read the story file</source>
      <translation>impossible de lire le fichier de l’histoire</translation>
    </message>
    <message>
      <location filename="../../document.py" line="151" />
      <source>cannot save the story</source>
      <translation>impossible d’enregistrer l’histoire</translation>
    </message>
    <message>
      <location filename="../../timeline_strip.py" line="53" />
      <source>characters per second</source>
      <translation>caractères par seconde</translation>
    </message>
    <message>
      <location filename="../../document.py" line="152" />
      <source>choose another folder with Save As</source>
      <translation>choisissez un autre dossier avec Enregistrer sous</translation>
    </message>
    <message>
      <location filename="../../document.py" line="142" />
      <source>choose where to save the story first</source>
      <translation>choisissez d’abord où enregistrer l’histoire</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="77" />
      <source>ffmpeg program</source>
      <translation>Programme ffmpeg</translation>
    </message>
    <message>
      <location filename="../../problems_panel.py" line="40" />
      <source>put the file in the story's folder, or drop it onto the editor</source>
      <translation>mettez le fichier dans le dossier de l’histoire, ou glissez-le sur l’éditeur</translation>
    </message>
    <message>
      <location filename="../../document.py" line="117" />
      <source>save the story as UTF-8</source>
      <translation>enregistrez l’histoire en UTF-8</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="69" />
      <source>shown on a card before the story</source>
      <translation>affiché sur un carton avant l’histoire</translation>
    </message>
    <message>
      <location filename="../../frontmatter_form.py" line="45" />
      <source>shown on the cover</source>
      <translation>affiché sur la couverture</translation>
    </message>
    <message>
      <location filename="../../document.py" line="114" />
      <source>story file not found</source>
      <translation>fichier de l’histoire introuvable</translation>
    </message>
    <message>
      <location filename="../../dialogs.py" line="76" />
      <source>the ffmpeg shipped with the studio</source>
      <translation>le ffmpeg livré avec le studio</translation>
    </message>
    <message>
      <location filename="../../document.py" line="116" />
      <source>the file is not UTF-8 text</source>
      <translation>le fichier n’est pas du texte UTF-8</translation>
    </message>
    <message>
      <location filename="../../main_window.py" line="215" />
      <source>the new story</source>
      <translation>la nouvelle histoire</translation>
    </message>
  </context>
</TS>

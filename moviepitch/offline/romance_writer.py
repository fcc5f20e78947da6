"""The pitch in Spanish or French, for ideas written in those languages.

The idea's predicate is used as written, and only after a subject of the same person and number
(the hero, with the idea's own description in apposition), so it never needs conjugating.
"""

from __future__ import annotations

import re

from .art import ArtPlan
from .facts import billed, joined
from .fill import Chooser, cap, tidy
from .plan import StoryPlan, rng_for

# fmt: off
_LABELS = {
    "es": {"comedy": "comedia", "drama": "drama", "horror": "película de terror", "thriller": "thriller",
           "scifi": "aventura de ciencia ficción", "fantasy": "aventura fantástica", "sports": "drama deportivo",
           "adventure": "aventura", "romance": "historia de amor"},
    "fr": {"comedy": "comédie", "drama": "drame", "horror": "film d'horreur", "thriller": "thriller",
           "scifi": "aventure de science-fiction", "fantasy": "aventure fantastique", "sports": "drame sportif",
           "adventure": "aventure", "romance": "histoire d'amour"},
}
# fmt: on
# fmt: off
_FEMININE = {"es": {"comedia", "película de terror", "aventura de ciencia ficción", "aventura fantástica",
                    "aventura", "historia de amor"},
             "fr": {"comédie", "aventure de science-fiction", "aventure fantastique", "aventure",
                    "histoire d'amour"}}
# fmt: on
_WORDS = {
    "es": dict(
        intros=(
            "Todo cambia cuando {lead}, {desc}, {pred}, y nadie {place} está preparado para lo que viene.",
            "{lead} {ser} {desc} y {llevar} una vida tranquila {place}, hasta que un día {pred}.",
            "Nadie {place} espera gran cosa de {lead}, {desc}. Entonces {pred}.",
            "Todo empieza un martes cualquiera {place}: {lead}, {desc}, {pred}.",
        ),
        phrase_intros=(
            "Esta es la historia de {lead}: {desc}, {place}.",
            "{lead} {ser} {desc}, y {place} nadie {lo} ha visto venir.",
        ),
        allies=(
            ("Se une a la aventura {ally}, una vecina que lo sabe todo.", "she"),
            ("Ofrece su ayuda {ally}, un viejo amigo con un secreto.", "he"),
            ("La única dispuesta a ayudar es {ally}, una mecánica con muy mal genio.", "she"),
            ("Por el camino aparece {ally}, un músico callejero que siempre llega tarde.", "he"),
        ),
        villains=(
            ("No piensa ponérselo fácil {villain}, una alcaldesa con planes propios.", "she"),
            ("Enfrente está {villain}, un empresario sonriente que no cumple ni una promesa.", "he"),
            ("Vigila cada paso {villain}, un vecino envidioso.", "he"),
        ),
        middles=(
            "Los problemas se acumulan, los secretos salen a la luz y el pueblo entero toma partido.",
            "Cada intento de arreglar las cosas las empeora un poco más, y el tiempo se acaba.",
            "Entre disfraces, malentendidos y una tormenta inoportuna, nada sale según el plan.",
        ),
        endings=(
            "Al final, {heroes} {tener} que arriesgarlo todo en una última noche que nadie olvidará.",
            "Cuando todo parece perdido, {heroes} {descubrir} que el verdadero tesoro era el camino.",
            "En un final lleno de emoción, {heroes} {demostrar} de lo que {ser} {capaz}.",
        ),
        closers=(
            "{A_label} {lleno} de corazón sobre la amistad, las segundas oportunidades y el valor de empezar de nuevo.",
            "{Divertido}, {tierno} y {sorprendente}: {a_label} para todos los públicos.",
            "Es {a_label} sobre la familia, los sueños y el coraje de perseguirlos.",
        ),
        replies=(
            "¡Me encanta! {Subject} {qui} {pred}: ¡eso es {a_label} de taquilla!",
            "¡Dame un minuto para pensarlo, pero {subject} ya me {tener} enganchado!",
            "¡Esto es oro puro! Ya estoy imaginando el tráiler.",
        ),
        place_named="en {name}",
        towns={
            "ocean": "en el pueblo costero de {name}",
            "mountains": "en el pueblo de montaña de {name}",
            "city": "en la ciudad de {name}",
            "field": "en el pueblo de {name}",
        },
        scene="Un cartel de cine vertical: {figures} {pose}, {scene}. {light} Tonos {tones}, grano de película y "
        "una viñeta suave, sin ningún texto.",
        poses=("de pie, de espaldas, como {siluetas}", "en primer plano, {recortados} contra la luz"),
        scenes={
            "ocean": "frente a un mar que brilla",
            "city": "sobre los tejados de una ciudad iluminada",
            "desert": "entre dunas rojizas",
            "house": "ante una vieja casa con una sola ventana encendida",
            "castle": "bajo las torres de un castillo",
            "arena": "en el centro de una arena llena",
            "space": "bajo un cielo lleno de estrellas",
            "mountains": "sobre una cresta entre montañas",
            "field": "en un campo abierto de hierba alta",
            "forest": "en un claro entre pinos oscuros",
        },
        lights={
            "moon": "Una luna enorme y pálida ilumina la escena.",
            "sun": "Un sol bajo lo baña todo de luz dorada.",
            "planet": "Un planeta con anillos domina el cielo.",
            "floodlights": "Los focos cortan la neblina.",
        },
    ),
    "fr": dict(
        intros=(
            "Tout bascule quand {lead}, {desc}, {pred}, et personne {place} n'est prêt pour la suite.",
            "{lead} {ser} {desc} et {llevar} une vie tranquille {place}, jusqu'au jour où {il} {pred}.",
            "Personne {place} n'attend grand-chose de {lead}, {desc}. Et puis {il} {pred}.",
            "Tout commence un mardi ordinaire {place} : {lead}, {desc}, {pred}.",
        ),
        phrase_intros=(
            "Voici l'histoire de {lead} : {desc}, {place}.",
            "{lead} {ser} {desc}, et {place} personne ne l'a vu venir.",
        ),
        allies=(
            ("À l'aventure se joint {ally}, une voisine qui sait tout.", "she"),
            ("Il y a aussi {ally}, un vieil ami qui cache un secret et qui propose son aide.", "he"),
            ("La seule prête à aider est {ally}, une mécanicienne au caractère bien trempé.", "she"),
            ("En chemin surgit {ally}, un musicien des rues toujours en retard.", "he"),
        ),
        villains=(
            ("Face à eux se dresse {villain}, une maire aux projets bien à elle.", "she"),
            ("En face se dresse {villain}, un homme d'affaires souriant qui ne tient jamais parole.", "he"),
            ("Il faut aussi compter avec {villain}, un voisin jaloux qui surveille chaque pas.", "he"),
        ),
        middles=(
            "Les ennuis s'accumulent, les secrets refont surface et tout le village prend parti.",
            "Chaque tentative pour arranger les choses les aggrave un peu plus, et le temps presse.",
            "Entre déguisements, quiproquos et un orage malvenu, rien ne se passe comme prévu.",
        ),
        endings=(
            "Au bout du compte, {heroes} {tener} tout à risquer lors d'une dernière nuit inoubliable.",
            "Quand tout semble perdu, {heroes} {descubrir} que le vrai trésor, c'était le chemin.",
            "Dans un final plein d'émotion, {heroes} {demostrar} de quoi {il} {ser} capable{s}.",
        ),
        closers=(
            "{A_label} {lleno} de cœur sur l'amitié, les secondes chances et le courage de recommencer.",
            "Drôle, tendre et {sorprendente} : {a_label} pour tous les publics.",
            "C'est {a_label} sur la famille, les rêves et le courage de les poursuivre.",
        ),
        replies=(
            "J'adore ! {Subject} {qui} {pred} : voilà {a_label} qui va remplir les salles !",
            "Laissez-moi une minute, mais {subject}, ça me plaît déjà énormément !",
            "C'est de l'or en barre ! J'imagine déjà la bande-annonce.",
        ),
        place_named="à {name}",
        towns={
            "ocean": "dans le village côtier de {name}",
            "mountains": "dans le village de montagne de {name}",
            "city": "dans la ville de {name}",
            "field": "dans le village de {name}",
        },
        scene="Une affiche de cinéma verticale : {figures} {pose}, {scene}. {light} Des tons {tones}, du grain de "
        "pellicule et un léger vignettage, sans aucun texte.",
        poses=("debout, de dos, en {siluetas}", "au premier plan, {recortados} contre la lumière"),
        scenes={
            "ocean": "face à une mer scintillante",
            "city": "au-dessus des toits d'une ville illuminée",
            "desert": "parmi des dunes rougeâtres",
            "house": "devant une vieille maison à la fenêtre éclairée",
            "castle": "sous les tours d'un château",
            "arena": "au centre d'une arène comble",
            "space": "sous un ciel plein d'étoiles",
            "mountains": "sur une crête entre les montagnes",
            "field": "dans un grand champ d'herbes hautes",
            "forest": "dans une clairière entre de grands pins",
        },
        lights={
            "moon": "Une lune énorme et pâle éclaire la scène.",
            "sun": "Un soleil bas baigne tout de lumière dorée.",
            "planet": "Une planète à anneaux domine le ciel.",
            "floodlights": "Des projecteurs percent la brume.",
        },
    ),
}
# fmt: off
_VERBS = {  # (singular, plural) for the few verbs the templates conjugate themselves
    "es": {"ser": ("es", "son"), "llevar": ("lleva", "llevan"), "tener": ("tiene", "tienen"),
           "descubrir": ("descubre", "descubren"), "demostrar": ("demuestra", "demuestran"),
           "capaz": ("capaz", "capaces")},
    "fr": {"ser": ("est", "sont"), "llevar": ("mène", "mènent"), "tener": ("a", "ont"),
           "descubrir": ("découvre", "découvrent"), "demostrar": ("montre", "montrent")},
}
# fmt: on


def _facts(plan: StoryPlan, rng) -> dict[str, str]:
    lang, premise = plan.language, plan.premise
    words = _WORDS[lang]
    heroes = plan.heroes
    plural = len(heroes) > 1
    label = _LABELS[lang][plan.genre]
    feminine = label in _FEMININE[lang]
    article = ("una" if feminine else "un") if lang == "es" else ("une" if feminine else "un")
    facts = {k: v[1 if plural else 0] for k, v in _VERBS[lang].items()}
    # Words that agree with the film's label ("un drama lleno", "una comedia llena").
    facts.update({k: forms[lang][feminine] for k, forms in _LABEL_AGREEMENT.items()})
    pronoun = heroes[0].pronoun
    facts.update(
        lead=joined(
            [billed(h) for h in heroes],
        )
        if lang == "es"
        else joined([billed(h) for h in heroes]),
        heroes=joined([h.short for h in heroes]).replace(" and ", " y " if lang == "es" else " et "),
        desc=premise.subject_text,
        pred=premise.predicate_text,
        label=label,
        a_label=f"{article} {label}",
        A_label=cap(f"{article} {label}"),
        il=("ellas" if pronoun == "she" else "ellos")
        if plural and lang == "es"
        else ("elles" if pronoun == "she" else "ils")
        if plural
        else ("elle" if pronoun == "she" else "il"),
        lo="la" if pronoun == "she" else "lo",
        s="s" if plural else "",
    )
    facts["lead"] = facts["lead"].replace(" and ", " y " if lang == "es" else " et ")
    place = plan.setting
    named = re.search(r"\b(?:en|à|au|dans|a)\s+[A-ZÁÉÍÓÚÑ]", premise.predicate_text)
    if named or place.from_idea and place.phrase.lower() in premise.predicate_text.lower():
        facts["place"] = ""  # the idea says where already: "abren una librería en Buenos Aires"
    elif place.from_idea and place.phrase[:1].isupper():
        facts["place"] = words["place_named"].format(name=place.phrase)
    else:
        pattern = words["towns"].get(place.scenery, words["towns"]["field"])
        facts["place"] = pattern.format(name=rng.choice(_TOWN_NAMES[lang]))
    return facts


def _pose_facts(plan: StoryPlan) -> dict[str, str]:
    """The poster's pose words, agreeing with the heroes: "recortada", "découpés"."""
    lang, heroes = plan.language, plan.heroes
    plural, she = len(heroes) > 1, all(h.pronoun == "she" for h in heroes)
    return {k: forms[lang][plural][she] for k, forms in _POSE_AGREEMENT.items()}


def write_synopsis(plan: StoryPlan) -> str:
    """Three paragraphs in the idea's language, performers in brackets at first mention."""
    draw = plan.extras.get("draw")  # another telling, for a pitch meeting's alternatives
    rng = rng_for(plan.idea, plan.seed, f"synopsis:{draw}" if draw else "synopsis")
    chooser = Chooser(rng, plan.knobs)
    words = _WORDS[plan.language]
    facts = _facts(plan, rng)
    intros = words["intros"] if facts["pred"] else words["phrase_intros"]
    opening = chooser.template(intros, facts)
    middle = []
    for role, bank in (("ally", "allies"), ("antagonist", "villains")):
        character = plan.role(role)
        if character is not None:
            key = "ally" if role == "ally" else "villain"
            options = [t for t, g in words[bank] if g == character.pronoun] or [t for t, _ in words[bank]]
            middle.append(chooser.pick(options).format(**{key: billed(character)}))
    if plan.length != "short":
        middle.append(chooser.pick(words["middles"]))
    if plan.length == "long":
        middle.append(chooser.pick(words["middles"]))
    ending = chooser.template(words["endings"], facts) + " " + chooser.template(words["closers"], facts)
    return "\n\n".join(_spaced(plan, tidy(p)) for p in (opening, " ".join(middle), ending))


def write_reply(plan: StoryPlan) -> str:
    """The boss's reply in the idea's language."""
    rng = rng_for(plan.idea, plan.seed, "reply")
    facts = _facts(plan, rng)
    subject = facts["desc"]
    relative = "qui" if plan.language == "fr" else "que"
    # "une sorcière qui a peur du noir" goes on "et qui ouvre ...", never "qui qui".
    joined_on = f"{'et' if plan.language == 'fr' else 'y'} {relative}"
    facts.update(
        subject=subject, Subject=cap(subject), qui=joined_on if re.search(r"\b(?:qui|que)\b", subject) else relative
    )
    return _spaced(plan, Chooser(rng, plan.knobs).template(_WORDS[plan.language]["replies"], facts))


def write_image_prompt(plan: StoryPlan, art: ArtPlan) -> str:
    """The poster description in the idea's language."""
    words = _WORDS[plan.language]
    rng = rng_for(plan.idea, plan.seed, "image")
    figures = plan.premise.subject_text or plan.heroes[0].description
    tones = ", ".join(_TONES[plan.language][plan.extras.get("look") or plan.tone])
    pose = rng.choice(words["poses"]).format(**_pose_facts(plan))
    return _spaced(
        plan,
        tidy(
            words["scene"].format(
                figures=figures,
                pose=pose,
                scene=words["scenes"][art.scenery],
                light=words["lights"][art.light],
                tones=tones,
            )
        ),
    )


# fmt: off
_TONES = {"es": {"light": ("amarillo sol", "azul cielo"), "warm": ("ámbar", "rosa polvo"),
                 "dark": ("verde enfermizo", "negro"), "tense": ("azul metálico", "naranja sodio"),
                 "bright": ("dorado", "azul intenso"), "epic": ("violeta profundo", "cian"),
                 "family": ("amarillo limón", "azul cielo")},
          "fr": {"light": ("jaune soleil", "bleu ciel"), "warm": ("ambre", "vieux rose"),
                 "dark": ("vert maladif", "noir"), "tense": ("bleu acier", "orange sodium"),
                 "bright": ("doré", "bleu vif"), "epic": ("violet profond", "cyan"),
                 "family": ("jaune citron", "bleu ciel")}}
# fmt: on


# Words that agree with the label's gender (False: masculine, True: feminine).
_LABEL_AGREEMENT = {
    "lleno": {"es": {False: "lleno", True: "llena"}, "fr": {False: "plein", True: "pleine"}},
    "Divertido": {"es": {False: "Divertido", True: "Divertida"}, "fr": {False: "Drôle", True: "Drôle"}},
    "tierno": {"es": {False: "tierno", True: "tierna"}, "fr": {False: "tendre", True: "tendre"}},
    "sorprendente": {
        "es": {False: "sorprendente", True: "sorprendente"},
        "fr": {False: "surprenant", True: "surprenante"},
    },
}
# The poster's pose words by number (singular, plural) and gender (False: masculine or mixed, True: feminine).
# fmt: off
_POSE_AGREEMENT = {
    "siluetas": {"es": ({False: "una silueta oscura", True: "una silueta oscura"},
                        {False: "siluetas oscuras", True: "siluetas oscuras"}),
                 "fr": ({False: "silhouette sombre", True: "silhouette sombre"},
                        {False: "silhouettes sombres", True: "silhouettes sombres"})},
    "recortados": {"es": ({False: "recortado", True: "recortada"}, {False: "recortados", True: "recortadas"}),
                   "fr": ({False: "découpé", True: "découpée"}, {False: "découpés", True: "découpées"})},
}
# fmt: on
# Invented towns that sound like the language they are written in.
# fmt: off
_TOWN_NAMES = {"es": ("Valdecielo", "Miramar del Sur", "Arenal", "Villaverde", "Peñaluna", "Torremar", "Fuentefría",
                      "Aguasclaras"),
               "fr": ("Bellerive", "Montjoli", "Vaudrecourt", "Roche-Blanche", "Val-d'Aigle", "Beaumarais",
                      "Sainte-Opale", "Pont-Sauvage")}
# fmt: on


def _spaced(plan: StoryPlan, text: str) -> str:
    """French typography: "de" and "que" elided before a vowel ("d'Esme"), a no-break space before : ; ! and ?;
    other languages as they are."""
    if plan.language != "fr":
        return text
    text = re.sub(r"\b([dDqQnN]|[qQ]u)e ([AEIOUÂÉÈÊÎÔaeiouâéèêîô])", r"\1'\2", text)
    return re.sub(r"\s*([:;!?])", "\u00a0\\1", text)

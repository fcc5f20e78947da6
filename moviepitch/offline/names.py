"""Invented names for characters and the performers who play them.

Surnames are built from two halves, so the same one seldom turns up in two pitches (a few thousand
to draw from instead of a few dozen). Performers come from banks of their own, and every pairing
is invented: no performer's name is a real actor's.
"""

from __future__ import annotations

import random

WOMEN = """Mara Juno Ines Talia Wren Odette Priya Sloane Nadia Greta Maeve Hattie Ziva Rosalind Imogen Delphine
Amara Noor Esme Lucia Freya Signe Ottilie Marisol Yuki Anouk Beatrix Cressida Dagny Elodie Fenna Gwen Hana
Isolde Jolene Kalinda Leonie Mirela Nell Oona Petra Quinn Rhea Saoirse Tamsin Ulla Vera Wanda Xiomara Yael
Zora Agnes Bettina Clio Dorit Edda Fern Gilda Halima Ingrid Jessamy Kirsi Lorna Magda Nerys Orla Pilar
Ramona Solveig Tova Una Viveka Winnie Ada Bea Cleo Dot Effie Flo Ida Kit Lottie Mabel Nora Pearl Ruby""".split()
MEN = """Dex Anselm Tobias Rafe Cormac Idris Milo Eamon Laszlo Teodor Jonah Silas Kenji Bram Otis Caspian
Rufus Ezra Ambrose Barnaby Cassius Dmitri Elias Fitz Gideon Hollis Ivo Jasper Kit Leopold Magnus Nico Osric
Perry Quentin Rowan Stellan Thaddeus Ulric Valentin Wolfe Xavi Yusuf Zeb Alder Bastian Cyrus Declan Emrys
Florin Gus Hamid Ignatius Jory Konrad Lucan Mattias Niall Orson Piet Radek Sol Tiago Vasco Wilbur Yannick
Abe Bertie Clem Dov Ern Fred Hal Iggy Lew Mo Ned Ossie Reg Sid Walt""".split()
CREATURE_NAMES = """Biscuit Pickles Waffles Noodle Pepper Mango Dumpling Ziggy Pudding Sprocket Meatball Tofu
Bramble Cobble Gizmo Jellybean Kiwi Lentil Marzipan Nugget Obi Pip Quill Rascal Sausage Toast Umber
Velvet Whiskers Yam Zest Bolt Crumpet Fig Gumbo Hush Inky Jinx Kipper Lark Muffin Nib Oddbod Pumpernickel
Rumble Scone Truffle Wobble Crouton Sesame Blink Patch Smudge Tinsel""".split()
_SURNAME_HEADS = """Ash Bell Black Bram Brig Cald Cart Clay Cold Crane Dun Elm Fair Fen Frost Gale Glen Gold Grey
Hal Hart Hay Holl Kest Lang Lark Lind Marl Mere Mill Moss North Oak Pen Quill Rad Raven Red Rook Rush Salt
Sand Shaw Silver Stan Stark Swin Thorn Tull Vane Wain Wedge West Whit Wil Wick Wolf Wren Yar""".split()
_SURNAME_TAILS = """ley ford wood well wick worth by combe more mere field ham hurst ton gate brook cott low ridge
stead shaw thorpe den wynd holt bury croft dale fell garth haven ings lock marsh mont pike sey ward""".split()
SURNAMES = """Voss Calloway Kade Strand Harrow Penhaligon Drummond Vantreight Stroud Kincaid Halloway Mercer
Castellane Dunlevy Okonkwo Sallow Brightwell Achebe Abernathy Bellamy Carrow Delacroix Esterhazy Faraday
Galloway Honeysett Inglewood Jessop Kettering Lockhart Montague Nakamura Oyelowo Pennywhistle Quartermaine
Ravensworth Sinclair Tennyson Underhill Valdez Whitlock Yardley Zabini Alcott Bexley Cavendish Dorrance
Fairbanks Gutierrez Hawthorne Iyer Jovanovic Kowalski Lindgren Moreau Novak Oduya Papadakis Quinlan Rosales
Sorensen Takeda Ulloa Vasquez Weatherby Yilmaz Zielinski""".split()

PERFORMER_WOMEN = """Elena Mireille Anouk Tamsin Yara Beatriz Lotte Rosalie Adaeze Fenna Marisol Keiko Odile Linnea
Sabine Daria Clementine Nilufar Aino Brigitte Chiara Dunya Eszter Farida Giedre Hanne Ilse Jovana Kaja Liesl
Maelle Nadja Oriane Paloma Rasa Sunniva Thandiwe Ugne Valeska Wilhelmina Ximena Yolanda Zofia Amaia Bronagh
Carys Delia Eun-ji Folasade Greer Honora Ines Jana Katalin Leocadia Manon Nettie Ottavia Pernille""".split()
PERFORMER_MEN = """Matteo Caius Anders Jovan Florian Tendai Oskar Rafferty Emil Dario Kofi Lorcan Soren Hamish Arjun
Benedek Nikolai Aurelio Bartosz Cillian Dagfinn Eero Fabrizio Goran Henrik Ismo Joaquin Kasimir Leander
Mikkel Nnamdi Olavo Pascal Quillon Rasmus Stanislav Thorvald Udo Vilhelm Wendell Ximeno Yorick Zoltan
Alejo Bogdan Casimir Desmond Eliezer Ferdinand Gaspard Horatio Ilias Jarek Kwame Lazare Marek Nandor""".split()
_PERFORMER_HEADS = """Mar Lind Var Cast Ash Hal Del Iwa Bran Pet Oye Acht Dun Mor Taka Quen Villa Trem Falk
Naka Odu Pelle Haver Ostro Mwan Ark Kowal Sza Bellu Corvi Dra Eske Fiora Gunde Hesse Ilve Jarn Kesh Lor""".split()
_PERFORMER_TAILS = """chetti qvist ga anos down vorsen court mura nock rakis laran terberg more avec hara nell
nueva blay rath shima ya holm lari grino ford owski gi wright czyk bo ssi venko tz berger kova vich ides
ssen mond dal""".split()


# Spanish and French pitches give their people names from their own language.
LOCAL = {
    "es": {
        "she": """Lucía Carmen Pilar Marisol Inés Rocío Amparo Dolores Elena Nuria Begoña Itziar Maite Consuelo
Remedios Paloma Valeria Ximena Candela Almudena Reyes Macarena Trinidad Jimena""".split(),
        "he": """Javier Andrés Tomás Álvaro Rafael Iñaki Santiago Ramón Emilio Joaquín Gonzalo Ernesto Lisandro
Fermín Ignacio Julián Teodoro Benito Rodrigo Mateo Nicanor Eusebio Patricio Anselmo""".split(),
        "surnames": """Ortega Salcedo Villanueva Montoya Arriaga Quintana Castañeda Beltrán Cifuentes Echeverría
Galindo Herrera Iturbe Lozano Márquez Navarro Ocampo Peñalver Robledo Sandoval Tejada Urquiza Valcárcel Zamora
Aranda Bermejo Carvajal Domínguez Escobar Figueroa Garrido Ibarra Lucena Medina Olmedo Prieto Rivas Soler""".split(),
    },
    "fr": {
        "she": """Amélie Camille Colette Élise Margaux Solène Apolline Bérénice Capucine Clémence Héloïse Josette
Léa Maëlle Odette Sidonie Albane Blanche Eugénie Faustine Ghislaine Lucile Mathilde Suzanne""".split(),
        "he": """Anatole Aurélien Baptiste Gaspard Lucien Mathis Octave Raphaël Théo Valentin Yves Gérard Jules
Marius Bastien Achille Benoît Clovis Édouard Fernand Honoré Léandre Philémon Séverin""".split(),
        "surnames": """Aubert Beaumont Chevalier Delorme Fontaine Garnier Lefèvre Marchand Perrin Rousseau Vasseur
Lemaire Duval Clément Giraud Morel Barthélemy Roussel Lacombe Mercier Bonnefoy Carpentier Daumier Espinasse
Fauvel Guérin Jolivet Laforgue Maillard Norbert Peyrac Ribaud Sauvage Tessier Vidal""".split(),
    },
}


def _surname(rng: random.Random, heads: list[str], tails: list[str]) -> str:
    head, tail = rng.choice(heads), rng.choice(tails)
    # Avoid a doubled letter at the seam ("Bellley") and keep the join pronounceable.
    if head[-1] == tail[0]:
        tail = tail[1:]
    return head + tail


def character_surname(rng: random.Random, language: str = "en") -> str:
    """A character's surname: a built one most of the time, a plain one now and then (in Spanish and French,
    one of the language's own)."""
    if language in LOCAL:
        return rng.choice(LOCAL[language]["surnames"])
    return rng.choice(SURNAMES) if rng.random() < 0.25 else _surname(rng, _SURNAME_HEADS, _SURNAME_TAILS)


def performer(rng: random.Random, pronoun: str, taken: set[str]) -> str:
    """An invented performer of the given pronoun, not already in `taken`."""
    firsts = PERFORMER_WOMEN if pronoun == "she" else PERFORMER_MEN
    for _ in range(20):
        name = f"{rng.choice(firsts)} {_surname(rng, _PERFORMER_HEADS, _PERFORMER_TAILS)}"
        first, last = name.split(" ", 1)
        if first != last and name not in taken and last not in {t.split(" ", 1)[1] for t in taken}:
            taken.add(name)
            return name
    return name


def first_name(rng: random.Random, pronoun: str, creature: bool, taken: set[str], language: str = "en") -> str:
    """A first name for a character, unused in this pitch (in Spanish and French, one of the language's own)."""
    bank = CREATURE_NAMES if creature else WOMEN if pronoun == "she" else MEN
    if language in LOCAL and not creature:
        bank = LOCAL[language]["she" if pronoun == "she" else "he"]
    for _ in range(20):
        name = rng.choice(bank)
        if name not in taken:
            taken.add(name)
            return name
    return name

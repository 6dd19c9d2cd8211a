"""Names of Ukraine's regions that the ISO 3166-2 list does not carry, by region code.

pycountry names each oblast in English, Ukrainian and Russian ("Kharkivska oblast",
"Харківська область", "Харьковская область"), but people as often write the oblast's
centre ("Kharkiv oblast", "м. Харків"), a name the region is known by (Харківщина,
Закарпаття, Буковина), or a Russian name the list lacks (Николаевская область). Each is
written here once, in Cyrillic where it is a Ukrainian or Russian word: the Latin
transliterations (Kharkiv, Kharkov, Kharkivshchyna) follow from it (``place_words``).
Latin spellings are written only where no transliteration of the Cyrillic gives them.

Centres are the oblast's administrative centre and, where the oblast's administration
works from another city since 2014, that city too (Kramatorsk, Sievierodonetsk).
"""

from __future__ import annotations

CENTRES: dict[str, tuple[str, ...]] = {
    "UA-05": ("Вінниця", "Винница"),
    "UA-07": ("Луцьк", "Луцк"),
    "UA-09": ("Луганськ", "Луганск", "Сєвєродонецьк", "Северодонецк"),
    "UA-12": ("Дніпро", "Днепр", "Дніпропетровськ", "Днепропетровск"),
    "UA-14": ("Донецьк", "Донецк", "Краматорськ", "Краматорск"),
    "UA-18": ("Житомир",),
    "UA-21": ("Ужгород",),
    "UA-23": ("Запоріжжя", "Запорожье", "Zaporizhia", "Zaporozhia"),
    "UA-26": ("Івано-Франківськ", "Ивано-Франковск"),
    "UA-32": ("Київ", "Киев"),  # the oblast's centre: "Kyiv oblast" is the oblast
    "UA-35": ("Кропивницький", "Кропивницкий", "Кіровоград", "Кировоград"),
    "UA-46": ("Львів", "Львов", "Lwów"),
    "UA-48": ("Миколаїв", "Николаев"),
    "UA-51": ("Одеса", "Одесса"),
    "UA-53": ("Полтава",),
    "UA-56": ("Рівне", "Ровно"),
    "UA-59": ("Суми", "Сумы"),
    "UA-61": ("Тернопіль", "Тернополь"),
    "UA-63": ("Харків", "Харьков"),
    "UA-65": ("Херсон",),
    "UA-68": ("Хмельницький", "Хмельницкий"),
    "UA-71": ("Черкаси", "Черкассы"),
    "UA-74": ("Чернігів", "Чернигов"),
    "UA-77": ("Чернівці", "Черновцы", "Czernowitz"),
    "UA-43": ("Сімферополь", "Симферополь"),
}

# Other names of a region as a whole: Ukrainian's "-щина" forms and their Russian
# counterparts, historical names that mean this one oblast (not Donbas or Podillia, which
# span two), and the Russian names pycountry lacks (Николаевская, Ровенская).
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "UA-05": ("Вінниччина", "Винничина"),
    "UA-07": ("Волинь", "Волынь"),
    "UA-09": ("Луганщина",),
    "UA-12": ("Дніпропетровщина", "Днепропетровщина", "Дніпровщина"),
    "UA-14": ("Донеччина", "Донетчина"),
    "UA-18": ("Житомирщина",),
    "UA-21": ("Закарпаття", "Закарпатье", "Transcarpathia", "Zakarpattia"),
    "UA-26": ("Івано-Франківщина", "Прикарпаття", "Прикарпатье"),
    "UA-32": ("Київщина", "Киевщина"),
    "UA-35": ("Кіровоградщина", "Кировоградщина", "Кропивниччина"),
    "UA-46": ("Львівщина", "Львовщина"),
    "UA-48": ("Миколаївщина", "Николаевщина", "Николаевская область"),
    "UA-51": ("Одещина", "Одесщина"),
    "UA-53": ("Полтавщина",),
    "UA-56": ("Рівненщина", "Ровенщина", "Ровенская область"),
    "UA-59": ("Сумщина",),
    "UA-61": ("Тернопільщина", "Тернопольщина"),
    "UA-63": ("Харківщина", "Харьковщина"),
    "UA-65": ("Херсонщина",),
    "UA-68": ("Хмельниччина", "Хмельнитчина"),
    "UA-71": ("Черкащина",),
    "UA-74": ("Чернігівщина", "Черниговщина"),
    "UA-77": ("Буковина", "Bukovina", "Чернівеччина"),
    "UA-43": ("Крим", "Крым", "Crimea", "Krim", "АР Крим", "АРК", "AR Krym", "Республика Крым",
              "Республіка Крим", "Republic of Crimea", "Autonomous Republic of Crimea"),
}

"""Indicator patterns per chat category, as data.

Each :class:`Indicator` is a regular expression over normalized text (see ``normalize.py``)
with a category, a calibrated score and a label a moderator can read. Patterns are written as
small templates over word classes, so that one line covers the paraphrases a class multiplies
out to ("take off" x "shirt, hoodie, top..."):

- ``{name}`` is a word class from :data:`WORDS` (or a fragment from ``_FRAGMENTS``);
- a space is one or more non-word characters, `` ?`` any number of them;
- ``~`` lets up to three filler words stand between two parts, ``~N`` up to N;
- anything else is a regular expression.

``key`` names the words (``{class}`` or literal) of which at least one must be in a message
for the pattern to be tried at all: most messages carry none, which keeps matching cheap. Every
match must contain a key word, so keys are taken from a part the pattern cannot do without, and
from its rarest words. ``a b & c d`` asks for one of a, b and one of c, d.

Scores follow the decision point of 0.5: explicit requests and threats sit at 0.8-0.95,
indicators that benign chat also produces sit below 0.5 and count only with other evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safestream.signals import Category

_MINOR_AGES = tuple(str(n) for n in range(8, 18))


def _w(words: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in words.split(","))


WORDS: dict[str, tuple[str, ...]] = {
    "you": _w("you, yu, yourself, yourselves"),
    "your": _w("your, youre, yours, yur"),
    "youare": _w("you are, youre, you re, you r, you look, you looking, you seem"),
    "det": _w("your, youre, the, that, this, those, these, yo"),
    "very": _w(
        "so, really, very, super, extremely, too, literally, truly, such, honestly, actually, "
        "genuinely, seriously, lowkey, kinda, kind of, just, like"
    ),
    "donot": _w(
        "dont, do not, never, dont ever, no need to, cant, cannot, can not, must not, mustnt, "
        "better not, shouldnt, should not, promise not to, dont you dare, dont you ever, not "
        "allowed to, wont, will not"
    ),
    "iwill": _w(
        "ill, i will, i wil, i ll, imma, ima, im going to, i am going to, i m going to, "
        "im about to, i can, i could, id, i would, let me, i want to, i promise to, "
        "i promise ill, i shall, then ill, or ill, or i, or else i"
    ),
    "parents": _w(
        "parents, parent, mom, moms, mum, mums, mommy, mummy, mama, mother, dad, dads, "
        "daddy, father, family, folks, stepmom, stepdad, step mom, step dad, grandma, "
        "grandpa, nan, nana, guardian, guardians, mom and dad, mum and dad"
    ),
    "friends": _w(
        "friends, friend, bff, bestie, besties, mates, sister, brother, sis, bro, siblings, "
        "boyfriend, girlfriend, classmates, cousin, cousins"
    ),
    "adults": _w(
        "teacher, teachers, principal, counselor, counsellor, coach, police, cops, school, "
        "aunt, uncle"
    ),
    "anyone": _w(
        "anyone, anybody, someone, somebody, any one, any body, people, nobody, no one, "
        "noone, everyone, everybody, others, them"
    ),
    "public": _w(
        "everyone, everybody, the whole school, whole school, all your friends, "
        "all your followers, your followers, followers, all your contacts, contacts, "
        "the internet, internet, online, everywhere, social media, instagram, facebook, "
        "tiktok, twitter, reddit, snapchat"
    ),
    "minorage": _MINOR_AGES
    + tuple(f"{n}{s}" for n in _MINOR_AGES for s in ("yo", "yrs", "f", "m")),
    "agenum": tuple(str(n) for n in range(8, 26)),
    "adultage": tuple(str(n) for n in range(18, 70)),
    "apps": _w(
        "snapchat, instagram, whatsapp, whats app, telegram, discord, kik, skype, wickr, "
        "signal, tiktok, tik tok, facebook, messenger, wechat, viber, omegle, imessage, "
        "facetime, zoom, threema, twitter, reddit, tumblr, hangouts, ome tv, monkey app, "
        "yubo, wizz, hoop, houseparty"
    ),
    "play": _w(
        "game, games, level, round, match, lobby, server, map, pvp, 1v1, fight, spawn, base, "
        "village, arena, realm, raid, flag, checkpoint, minecraft, roblox, fortnite, animal "
        "crossing, the sims, sims, bloxburg, adopt me, pokemon, stardew, terraria, among us"
    ),
    "games": _w(
        "roblox, fortnite, minecraft, xbox, psn, playstation, steam, among us, valorant, genshin"
    ),
    "gifts": _w(
        "gift, gifts, present, presents, robux, vbucks, v bucks, skins, skin, nitro, "
        "gift card, gift cards, giftcard, giftcards, money, cash, dollars, bucks, coins, "
        "gems, diamonds, tokens, phone, iphone, airpods, console, ps5, "
        "battle pass, battlepass, premium, membership, credits, makeup, clothes, shoes, "
        "treats, candy, sweets, tickets, ticket, bitcoin, crypto, paypal, steam card, "
        "amazon card, itunes card, apple card, psn card, xbox card, roblox card, headphones, "
        "earbuds, tablet, ipad, laptop, nintendo switch, perfume, necklace, bracelet, jewelry, "
        "something nice, something special"
    ),
    "rewards": _w(
        "likes, hearts, heart, gifts, gift, coins, coin, roses, rose, diamonds, diamond, lion, "
        "followers, follows, "
        "follow, subs, sub, subscribers, views, viewers, stars, points, tokens, donations, "
        "donation, tips, tip, robux, vbucks, v bucks, shares, superchat, superchats, "
        "super chat, super chats, bits, cheers, lions, galaxy, galaxies, universe, money, "
        "cash, dollars, bucks, gems, shoutout, shout out, shoutouts"
    ),
    "acts": _w(
        "dare, dares, truth or dare, challenge, take off, take your, remove, strip, undress, "
        "unbutton, unzip, lift, pull up, pull down, flash, turn around, bend, bend over, "
        "lie down, lay down, lie on, lay on, get in bed, twerk, kiss, lick, touch, wear, "
        "change, show your, show us your, show me your, come closer, move the camera, "
        "move your camera, do what i say, whatever i say, anything i say, go to your room, "
        "go to the bathroom, shower, bath, splits, a split, stretch, squats, yoga, feet, "
        "toes, sit on, go sit, do what chat says, what chat says, backbend, bridge, handstand, "
        "cartwheel, gymnastics"
    ),
    "mildacts": _w("dance, sing, spin, jump, stand up"),
    "tops": _w(
        "shirt, tshirt, t shirt, top, tank top, crop top, hoodie, hoody, sweater, jumper, "
        "sweatshirt, dress, skirt, blouse, nightie, nightgown"
    ),
    "remove": _w(
        "take off, takeoff, take of, remove, lose, get rid of, pull off, pull down, strip, "
        "strip off, unbutton, unzip, lift, lift up, slip off, peel off, ditch, drop"
    ),
    "clothes": _w(
        "shirt, shirts, tshirt, t shirt, tee, top, tops, tank top, crop top, hoodie, hoody, "
        "sweater, jumper, sweatshirt, clothes, clothing, pants, trousers, jeans, shorts, "
        "skirt, dress, bra, underwear, undies, panties, boxers, briefs, pajamas, pyjamas, "
        "pjs, bikini, swimsuit, leggings, tights, uniform, jersey, blouse, vest, outfit, "
        "sweats, joggers, socks, towel, robe, nightie, nightgown, onesie, costume"
    ),
    "underthings": _w(
        "underwear, undies, bra, bikini, swimsuit, boxers, panties, briefs, pjs, pajamas, "
        "pyjamas, pajama, pyjama, towel, nightie, lingerie"
    ),
    "body": _w(
        "body, belly, tummy, stomach, chest, abs, legs, thighs, feet, foot, toes, butt, bum, "
        "booty, hips, waist, shoulders, curves"
    ),
    "cam": _w("camera, cameras, webcam, video"),
    "img": _w(
        "pics, pictures, picture, photo, photos, foto, fotos, selfie, selfies, snaps, video, "
        "videos, clip, clips, image, images, nudes, photograph, pictur, pitcure, pitcures"
    ),
    "recording": _w(
        "video, videos, recording, recordings, pics, pictures, picture, photos, photo, "
        "screenshots, screenshot, screen recording, clip, clips, nudes, images, selfies, "
        "footage, chats, messages, convo, conversation, dms, what you sent, what you showed"
    ),
    "share": _w(
        "send, show, post, share, leak, forward, upload, spread, release, expose, put, give, "
        "email, text, dm, tag, tell"
    ),
    "looks": _w(
        "pretty, beautiful, gorgeous, cute, adorable, stunning, attractive, cutie, beauty, handsome"
    ),
    "room": _w("bathroom, bedroom, room, shower, bath, toilet, restroom, washroom, bed, closet"),
    "wetroom": _w("bathroom, shower, bath, toilet, restroom, washroom, tub"),
    "fear": _w(
        "scared, afraid, frightened, terrified, uncomfortable, unsafe, panicking, in danger"
    ),
    "kin": _w(
        "auntie, aunty, aunt, uncle, grandma, grandpa, granny, grandad, granddad, gran, nan, "
        "nana, nanny, mum, mom, mummy, mommy, mama, dad, teacher, ms, mrs, mr, coach, tutor, "
        "godmother, godfather, godmum, stepmom, stepmum, stepdad"
    ),
    "money": _w(
        "money, cash, dollars, bucks, usd, pounds, euros, bitcoin, btc, crypto, gift card, "
        "gift cards, giftcard, giftcards, robux, vbucks, paypal, venmo, cashapp, cash app, "
        "itunes, steam card, amazon card"
    ),
}
"""Word classes the templates are built from; together they are the matching vocabulary."""

WORDS["people"] = WORDS["parents"] + WORDS["friends"] + WORDS["adults"] + WORDS["anyone"]
WORDS["recipients"] = WORDS["parents"] + WORDS["friends"] + WORDS["adults"] + WORDS["public"]

_FRAGMENTS_SOURCE: dict[str, str] = {
    # An instruction opening a clause: "go ...", "now go ...", "lets go ...".
    "cmd": (
        r"(?:(?:^|[.!?,;:])\W*(?:(?:now|please|ok|okay|just|quick|so|then|and|hey|go on"
        r"|come on)\W+)*|lets\W+)"
    ),
    # A request put to them: "can you ...", "you should ...", "i want you to ...".
    "ask": (
        r"(?:(?:can|could|will|would|want to|why dont) {you}\W+(?:\w+\W+)?"
        r"|{you} (?:should|need to|have to|got to|must|better|can|could)\W+(?:\w+\W+)?"
        r"|i (?:want|need) {you} to\W+)"
    ),
    "imp": r"(?:{cmd}|{ask})",
    # At most one describing word, not an article or someone else's possessive: "take off your
    # pink hoodie" is a request, "take off MY hoodie" and "send me THE video" are not.
    "adj": r"(?:(?!(?:the|that|this|those|these|my|his|her|their|our|mine)\W)\w+ )?",
    # "you are" in all the ways chat writes it, including the "your" misspelling.
    "ur": r"(?:{youare} |(?:your|you) {very} )(?:{very} )*",
}

_CLASS_REF = re.compile(r"\{([a-z]+)\}")
_GAP = re.compile(r" ?~(\d?) ?")


def _alternation(words: tuple[str, ...]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\W+") for w in ordered) + r")\b"


def _expand(template: str, fragments: dict[str, str]) -> str:
    def ref(match: re.Match[str]) -> str:
        name = match.group(1)
        return fragments[name] if name in fragments else _alternation(WORDS[name])

    out = _GAP.sub(lambda m: r"\W+(?:\w+\W+){0,%s}" % (m.group(1) or "3"), template)
    out = out.replace(" ?", r"\W*").replace(" ", r"\W+")
    return _CLASS_REF.sub(ref, out)


_FRAGMENTS: dict[str, str] = {}
for _name, _source in _FRAGMENTS_SOURCE.items():
    _FRAGMENTS[_name] = _expand(_source, _FRAGMENTS)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One pattern: where it matches, ``category`` is shown with ``score``.

    ``adult_score``, when set, replaces ``score`` if the sender is known to be an adult (an adult
    claiming a child's age is deception; a child saying it is not). ``also`` are categories the
    same words show at the same score (a threat to share images is sextortion and a threat). In
    :data:`NEGATIVES` the score is a cap on the category instead.
    """

    category: Category
    score: float
    label: str
    regex: re.Pattern[str]
    keys: tuple[frozenset[str], ...]
    adult_score: float | None = None
    also: tuple[Category, ...] = ()


def _keys(spec: str) -> tuple[frozenset[str], ...]:
    groups = []
    for group in spec.split("&"):
        keys: set[str] = set()
        for item in group.split():
            name = _CLASS_REF.fullmatch(item)
            if name:
                # A phrase can only match where its longest (rarest) word is a token.
                keys.update(max(reversed(w.split()), key=len) for w in WORDS[name.group(1)])
            else:
                keys.add(item)
        groups.append(frozenset(keys))
    return tuple(groups)


def _i(
    category: Category,
    score: float,
    label: str,
    template: str,
    key: str,
    *,
    adult_score: float | None = None,
    also: tuple[Category, ...] = (),
) -> Indicator:
    regex = re.compile(r"(?<![a-z0-9])(?:" + _expand(template, _FRAGMENTS) + r")(?![a-z0-9])", re.A)
    return Indicator(category, score, label, regex, _keys(key), adult_score, also)


_C = Category

_AGE_PROBE = (
    _i(
        _C.AGE_PROBE,
        0.85,
        "asks how old they are",
        "(?:how|hw) (?:old|young) (?:are |is )?{you}",
        "old young",
    ),
    _i(_C.AGE_PROBE, 0.85, "asks their age", "what age (?:are |is )?{you}", "age"),
    _i(_C.AGE_PROBE, 0.8, "asks their age", "(?:whats|what is|tell me|say|hows) {your} age", "age"),
    _i(_C.AGE_PROBE, 0.7, "asks their age", "{your} age(?: is)?\\W*\\?", "age"),
    _i(_C.AGE_PROBE, 0.6, "asks age in one word", r"^\W*(?:how old|age)\W*$", "old age"),
    _i(_C.AGE_PROBE, 0.7, "asks how old", "how old(?:\\s*\\?|\\W*$)", "old"),
    _i(_C.AGE_PROBE, 0.85, "asks age/sex/location", "asl|a s l|age sex location", "asl s age"),
    _i(
        _C.AGE_PROBE,
        0.75,
        "asks their school year",
        "(?:what|which) (?:grade|year|yr) are {you}",
        "grade year",
    ),
    _i(
        _C.AGE_PROBE,
        0.7,
        "asks their school level",
        "(?:are {you}|{you}|youre) (?:still )?in (?:middle|high|elementary|primary|secondary|"
        "junior) school",
        "middle high elementary primary secondary junior",
    ),
    _i(
        _C.AGE_PROBE,
        0.8,
        "asks if they are a given age",
        "are {you} (?:only |like |even |over |under |above |below |older than |younger than "
        "|at least |already |still )?{agenum}",
        "{agenum} & are",
    ),
    _i(
        _C.AGE_PROBE,
        0.75,
        "asks if they are a given age",
        "{you} (?:even |already |over |under )?{agenum} (?:yet|or older|or younger|or over|or "
        "under)|{you} (?:even |already |over |under )?{agenum}\\s*\\?",
        "{agenum} & {you}",
    ),
    _i(
        _C.AGE_PROBE,
        0.75,
        "asks if they are a minor or adult",
        "are {you} (?:a |an |still a |just a )?(?:minor|kid|child|teen|teenager|adult|"
        "grown up|underage|legal)",
        "minor kid child teen teenager adult grown underage legal",
    ),
    _i(
        _C.AGE_PROBE,
        0.7,
        "asks their birth year",
        "(?:when|what year) (?:were|was) {you} born",
        "born",
    ),
    _i(
        _C.AGE_PROBE,
        0.55,
        "guesses their age",
        "(?:bet|guess|think) {you} (?:are|re) (?:like |about |around |only )?{agenum}|"
        "{you} (?:look|seem|sound) (?:like |about |around |only )?{agenum}",
        "{agenum} & bet guess think look seem sound",
    ),
    _i(
        _C.AGE_PROBE,
        0.7,
        "asks to confirm a guessed age",
        "(?:{youare}|your|you) (?:what |like |about |around |only |probably |prob )*{agenum}(?: "
        "right| yeah| yes| huh| or something)?\\s*\\?",
        "{agenum} & {you} youre your",
    ),
    _i(
        _C.AGE_PROBE,
        0.75,
        "asks their grade at school",
        "{you} in (?:the )?(?:\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
        "seventh|eighth|ninth|tenth)(?: or \\w+)? (?:grade|year|form|class)|(?:are )?{you} "
        "(?:still )?in (?:middle|high|elementary|primary|secondary|junior)(?:\\s*\\?|\\W*$)",
        "grade year form class middle high elementary primary secondary junior",
    ),
    _i(
        _C.AGE_PROBE,
        0.6,
        "asks the streamer's age",
        "how old (?:is|s) (?:the |this |our )?(?:streamer|broadcaster|host)",
        "streamer broadcaster host",
    ),
    _i(
        _C.AGE_PROBE,
        0.6,
        "guesses they are younger than an age",
        "(?:bet|guess|think) (?:{youare}|your|you) (?:not )?(?:even |like |about |around |only )?"
        "{agenum}",
        "{agenum} & bet guess think",
    ),
    _i(_C.AGE_PROBE, 0.7, "asks age in one word", r"^\W*age\W*\?", "age"),
    _i(
        _C.AGE_PROBE,
        0.75,
        "asks their birthday year",
        "(?:bday|birthday|b day) ~4 (?:what|which) year|(?:what|which) year (?:is |was )?{your} "
        "(?:bday|birthday)|{your} (?:birth year|year of birth|dob|date of birth)",
        "bday birthday day year dob birth",
    ),
    _i(
        _C.AGE_PROBE,
        0.75,
        "asks their school year",
        "(?:what|which) (?:grade|year|yr) (?:are )?{you} (?:in|at)",
        "grade year yr",
    ),
)

_ISOLATION_PROBE = (
    _i(
        _C.ISOLATION_PROBE,
        0.85,
        "asks if they are alone",
        "(?:are|is) {you} (?:\\w+ )?(?:home |at home |in {your} room )?(?:all )?alone",
        "alone",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if they are alone",
        "(?:{youare}|your|you) (?:home )?(?:alone|allone|alon)(?: again| in {your} (?:room|bedroom|"
        "house)| at home| right now| tonight)?\\s*\\?|are {you} (?:\\w+ )?(?:allone|alon)",
        "alone allone alon",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if they are alone",
        "are {you} (?:home |at home |here )?(?:all )?by (?:yourself|urself)|{you} (?:home )?alone "
        "(?:right now|now|tonight|today)",
        "yourself alone",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks who else is around",
        "(?:is |are )?(?:there )?(?:{anyone}|{parents}) (?:else )?(?:there |here )?(?:home|at home|"
        "with {you}|in the (?:room|house)|in {your} room|nearby|around {you})|who(?:s| is|se)? "
        "(?:at )?(?:else )?(?:is )?(?:home|there|with {you}|in the (?:house|room)|around)",
        "around else home house nearby room with & {anyone} {parents} who whos",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.8,
        "asks whether parents are around",
        "(?:are|is) {your} {parents} (?:\\w+ )?(?:home|around|there|nearby|awake|asleep|sleeping|"
        "out|away|gone|at work|in the house|watching|checking|strict)",
        "{parents} & {your}",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.55,
        "asks where parents are",
        "where (?:are|is) {your} {parents}",
        "{parents} & {your}",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.8,
        "asks parents' routine",
        "(?:when|what time) (?:do|does|will) {your} {parents} (?:get home|come home|come back|"
        "leave|go to bed|go to sleep|sleep|go out|work|get back)",
        "{parents} & {your}",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.8,
        "asks if parents check their phone",
        "(?:do|does|will|would|can) {your} {parents} (?:ever |even )?(?:check|look at|read|see|"
        "monitor|go through|track|know about) {your} (?:phone|messages|chats?|texts|dms|screen|"
        "account|history|tablet|ipad|computer|laptop)",
        "{parents} & {your}",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if parents know about the chat",
        "(?:do|does) {your} {parents} know (?:about (?:me|us|this|our)|(?:that )?(?:{you}|youre) "
        "(?:are )?(?:on here|here|online|talking|chatting))",
        "{parents} & {your}",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if anyone can see or hear",
        "can (?:{anyone}|{parents}|they) (?:else )?(?:see|hear) {you}",
        "see hear & can",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if their door is locked",
        "is {your} door (?:locked|closed|shut)",
        "door",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.6,
        "asks if they are in their room",
        "are {you} in {your} (?:room|bedroom|bed)",
        "room bedroom bed",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if anyone checks their phone",
        "(?:do|does|will|would|can) (?:{your} {parents}|anyone|anybody|someone|they) (?:ever |even "
        ")?(?:check|look at|read|see|monitor|go through|track) ~4 {your} (?:phone|messages|chats?|"
        "texts|dms|screen|account|history|tablet|ipad|computer|laptop)",
        "phone messages chat chats texts dms screen account history tablet ipad computer laptop & "
        "check look read see monitor go track",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if anyone is watching them",
        "(?:{anyone}|{parents}) (?:\\w+ )?(?:watching|looking|reading) (?:over )?{your} shoulder",
        "shoulder",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.7,
        "asks if parents know they are live",
        "(?:do|does) {your} {parents} know (?:that )?(?:{you}|youre|your) (?:are )?(?:live|"
        "streaming|on live|on stream|online|up)",
        "{parents} & know",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "says others treat them like a child",
        "treats? {you} like (?:a |an )?(?:baby|little kid|kid|child)|i (?:treat|see) {you} (?:like|"
        "as) (?:an? )?(?:adult|grown up|equal)",
        "treat treats see",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "tells them to drop their friends",
        "(?:ditch|dump|forget about|ignore|drop) {your} (?:{friends}|{parents})|(?:better off|"
        "happier) without (?:them|{your} (?:{friends}|{parents}))|(?:theyre|they are|{your} "
        "(?:{friends}|{parents}) (?:are|is)) holding {you} back|stop (?:talking|hanging|hanging "
        "out|chatting) (?:to|with) (?:those|these) (?:friends|people|kids|girls|boys)",
        "ditch dump forget ignore drop without holding those these",
    ),
    _i(
        _C.ISOLATION,
        0.7,
        "says everyone around them is fake",
        "(?:everyone|everybody|people|all) (?:at|in) {your} (?:school|class) (?:is|are) (?:\\w+ "
        ")?(?:fake|jealous|toxic|mean|against {you}|not real)",
        "fake jealous toxic mean against real",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "asks to be confided in instead of family",
        "(?:come to|talk to|tell|trust) me (?:instead of|not|before|over) {your} {parents}",
        "{parents} & me",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.75,
        "asks if it is just them at home",
        "(?:home|there|around|with {you}) or (?:is it )?just {you}|just {you} (?:at )?home",
        "just & home there around with & you yourself",
    ),
    _i(
        _C.ISOLATION,
        0.8,
        "claims to be the only one they can trust",
        "(?:im|i am) (?:the only (?:one|person)|all) {you} (?:can|should) (?:ever )?(?:trust|talk "
        "to|count on|rely on|tell|need)",
        "only all & trust talk count rely tell need",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.7,
        "asks about times their parents are away",
        "when {your} {parents} (?:is |are |s |goes |go |leaves |leave )?(?:at work|out|away|gone|"
        "asleep|sleeping|not home|not around|not there|not looking|busy|on holiday|to work)",
        "{parents} & when",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.7,
        "asks whether parents come in or check",
        "(?:does|do|will|would|can|could) {your} {parents} (?:\\w+ )?(?:come|walk|barge|check|look|"
        "peek|go) (?:in|into|on|at) ~2 (?:{your} )?(?:room|phone|stream|messages|chats|dms|{you})",
        "{parents} & does do will would can could",
    ),
)

_PERSONAL_INFO = (
    _i(
        _C.PERSONAL_INFO,
        0.8,
        "asks which school they go to",
        "(?:what|which) school (?:do |does |are )?{you} (?:go|going|attend|at|in)|where (?:do "
        ")?{you} (?:go to |attend )?school|(?:whats|what is|name of) {your} school",
        "school & {you} {your}",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.75,
        "asks where they live",
        "where(?: abouts)? (?:do |does )?{you} (?:live|stay)|whereabouts (?:do |does )?{you} "
        "(?:live|stay)|(?:where is|wheres) {your} (?:house|home|school)",
        "where wheres whereabouts",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.7,
        "asks their town or street",
        "(?:what|which) (?:city|town|street|area|neighborhood|neighbourhood|state|suburb|road|"
        "part of town) ~2 {you} (?:live|in|from|at)",
        "city town street area neighborhood neighbourhood state suburb road part",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.4,
        "asks where they are from",
        "where (?:are )?{you} from",
        "from & where",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.8,
        "asks for address, number or full name",
        "(?:whats|what is|give me|send me|tell me|need|share|drop|text me) {your} (?:home |"
        "real |full |last |exact |house |phone |mobile |cell |email )?(?:address|location|number|"
        "phone number|postcode|post code|zip code|zip|surname|last name|full name|real name|"
        "house number|email|addy)",
        "address addy email full house last location number post postcode real surname zip & whats "
        "what give send tell need share drop text",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.85,
        "asks them to share their location",
        "(?:send|share|drop|turn on|give me) {your} (?:live |exact |current )?location",
        "location",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.7,
        "asks about their route to school",
        "what time (?:do|does) {you} (?:get out of|finish|leave|walk home from|get home from) "
        "school|(?:do|does) {you} walk (?:home|to school) (?:alone|by {you})",
        "time walk & school home",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.55,
        "asks if they live nearby",
        "{you} live (?:near|close to|by|around)",
        "live",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.65,
        "asks their daily route",
        "what time (?:does|do) (?:{your} )?school (?:let out|end|finish|get out|start)|(?:what|"
        "which) (?:bus|train|route|way) ~2 {you} (?:take|ride|get|walk)",
        "school bus train route way & time what which",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.7,
        "asks which school or town",
        "(?:what|which) (?:school|town|city|street) is (?:it|that|this)|is that {your} school|"
        "out(?:side)? {your} window",
        "school town city street window & what which is out outside",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.7,
        "asks which places are near them",
        "(?:what|which) (?:park|mall|store|shop|library|station|bus stop|playground) (?:is "
        ")?(?:near|close to|by|around|next to) {you}",
        "park mall store shop library station stop playground",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.7,
        "places a landmark seen on stream",
        "(?:is that|is this|thats) (?:the )?(?:\\w+ ){0,2}(?:church|school|park|street|building|"
        "mall|station|store|shop|tower|bridge|hospital|library|stadium|road) (?:by|near|outside|"
        "behind|across from|next to|from) {your} (?:window|house|home|place|room|balcony)",
        "window house home place room balcony & church school park street building mall station "
        "store shop tower bridge hospital library stadium road",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.75,
        "names a place near their school or home to wait",
        "(?:wait|waiting|pick {you} up|see {you}|find {you}|come) ~6 (?:near|by|outside|at|"
        "next to|behind) {your} (?:school|house|home|place|street|building|apartment|flat)",
        "school house home place street building apartment flat & wait waiting pick see find come",
    ),
)

_FLATTERY = (
    _i(
        _C.FLATTERY,
        0.65,
        "compliments their looks",
        "{ur}{looks}(?! (?:good|bad|sure|much|cool|fast|smart|funny|nice|well|great|strong|decent|"
        "quick|hard|easy|close|far|late|early|big|small|tall|short|weird|annoying|chill|lucky))",
        "{looks}",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "compliments their looks",
        "{youare} (?:{very} )?(?:an? )?(?:little )?(?:cutie|beauty|angel|princess|doll|sweetheart|"
        "babe|stunner|model|goddess)",
        "cutie beauty angel princess doll sweetheart babe stunner model goddess",
    ),
    _i(
        _C.FLATTERY,
        0.8,
        "says they are mature for their age",
        "mature (?:for|4) {your} age|(?:{youare}|{you}|{your}) ~3 (?:mature|grown up|older|smarter|"
        "wiser|cuter|prettier|hotter|more beautiful|better looking) (?:for|than) ~2 (?:{your} age|"
        "girls|boys|kids|people|teens|others)|{you} (?:look|seem|act|sound) (?:\\w+ )?older than "
        "(?:{agenum}|{your} age)",
        "mature grown older smarter wiser cuter prettier hotter beautiful looking",
    ),
    _i(
        _C.FLATTERY,
        0.7,
        "says they don't act their age",
        "{you} (?:dont|do not) (?:act|seem|look|talk|sound) (?:like )?(?:a |an )?(?:kid|child|"
        "{agenum}|{your} age)",
        "act seem look talk sound",
    ),
    _i(
        _C.FLATTERY,
        0.75,
        "says they are not like others",
        "not like (?:other|the other|most|all the other|any other) (?:girls|boys|kids|people|"
        "teens)",
        "girls boys kids people teens",
    ),
    _i(_C.FLATTERY, 0.55, "says they are special", "{youare} (?:{very} )?special", "special"),
    _i(
        _C.FLATTERY,
        0.6,
        "says they never met anyone like them",
        "never (?:met|talked to|known|found) (?:anyone|someone|somebody|a (?:girl|boy|person)) "
        "(?:like {you}|as (?:\\w+ )?as {you})",
        "never",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "says they could be a model",
        "{you} (?:could|should) (?:\\w+ )?(?:be|become) a model",
        "model",
    ),
    _i(
        _C.FLATTERY,
        0.6,
        "compliments their body or features",
        "{your} (?:eyes|smile|hair|lips|face|body|legs|skin|voice) (?:is|are|look|looks) "
        "(?:{very} )?{looks}",
        "eyes smile hair lips face body legs skin voice",
    ),
    _i(
        _C.FLATTERY,
        0.55,
        "declares love or infatuation",
        "(?:im|i am) (?:falling|in love) (?:for|with) {you}|i love {you} (?:so much|more than)",
        "falling love",
    ),
    _i(
        _C.FLATTERY,
        0.6,
        "compliments their looks",
        "(?:your|you) {looks}(?=\\W*(?:$|[.!?,]|(?:you|u) know|honestly|omg|babe|girl|btw|tbh))",
        "{looks}",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "calls them the best-looking",
        "(?:cutest|prettiest|most beautiful|hottest|most gorgeous) (?:(?:little )?(?:girl|boy|"
        "streamer|person|kid|one|human) )?(?:ever|on (?:here|this (?:\\w+ )?app|the app|tiktok|"
        "twitch|this site)|i (?:have |ve )?(?:ever )?seen|ive (?:ever )?seen|alive|in the world)",
        "cutest prettiest beautiful hottest gorgeous",
    ),
    _i(
        _C.FLATTERY,
        0.55,
        "calls them a cutie",
        "such an? (?:cutie|beauty|angel|sweetheart|doll)",
        "cutie beauty angel sweetheart doll",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "praises their features",
        "{your} (?:eyes|smile|hair|lips|face|voice) (?:is|are|look|looks) (?:{very} )?(?:amazing|"
        "perfect|incredible|gorgeous|stunning|lovely|beautiful|pretty|cute)",
        "eyes smile hair lips face voice",
    ),
    _i(
        _C.FLATTERY,
        0.7,
        "says they seem older",
        "{you} (?:act|seem|sound|look) (?:{very} )?(?:mature|grown up|older)|not like (?:the "
        ")?others|not like everyone else|(?:your|youre) special(?=\\W*(?:$|[.!?,]))",
        "mature grown older others else special",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "praises their looks in superlatives",
        "(?:{you} (?:have|got|ve got|have got)|youve got|youve) (?:the |such (?:a )?)?(?:nicest|"
        "best|prettiest|cutest|"
        "most beautiful|loveliest|sweetest|perfect|gorgeous|beautiful|prettiest) (?:smile|eyes|"
        "face|hair|lips|laugh|skin|body)",
        "smile eyes face hair lips laugh skin body",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "calls them mature",
        "{ur}(?:mature|grown up|wise|advanced)(?! (?:for|to|about|of|when) (?!{your} age))",
        "mature grown wise advanced",
    ),
    _i(
        _C.FLATTERY,
        0.6,
        "says others must fancy them",
        "(?:bet|guess|sure) (?:all |every |the )*(?:boys|guys|girls|boy|guy|girl) ~4 (?:like|love|"
        "want|fancy|have a crush on|crush on|chase|are into|likes|loves|wants|fancies|has a crush "
        "on|is into) {you}",
        "bet guess sure & boys guys girls boy guy girl",
    ),
    _i(
        _C.FLATTERY,
        0.6,
        "calls them their favourite girl",
        "my (?:fav|favorite|favourite|special|pretty|little|beautiful|sweet|precious) (?:girl|"
        "princess|angel|lady|baby)(?! (?:band|group|team|scouts?|song|friend|character|name|club))",
        "girl princess angel lady baby",
    ),
    _i(
        _C.FLATTERY,
        0.65,
        "says they are special to them",
        "{ur}special (?:to me|for me)|{youare} (?:not like|different from) (?:other|the other) "
        "(?:girls|kids|boys)",
        "special other",
    ),
)

_SECRECY = (
    _i(
        _C.SECRECY,
        0.85,
        "asks them not to tell about the chat",
        "{donot} (?:\\w+ )?(?:tell|mention|say anything|say a word|talk) ~3 (?:about )?(?:us|me|"
        "this chat|our (?:chats?|talks?|messages|conversations?|secret|friendship|relationship|"
        "calls?|pics)|what we (?:do|did|talk|talked|said|have)|this (?:conversation|convo|stuff))",
        "tell mention say & us me chat our what conversation convo stuff",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "asks them not to tell their parents",
        "{donot} (?:\\w+ )?(?:tell|mention|show|say anything to|talk to) ~2 {your} (?:{people})",
        "tell mention show say talk & {your}",
    ),
    _i(
        _C.SECRECY,
        0.6,
        "asks them not to tell anyone",
        "{donot} (?:\\w+ )?(?:tell|mention|show) ~2 (?:{anyone}|{your} {parents})",
        "tell mention show & {anyone} {parents}",
    ),
    _i(
        _C.SECRECY,
        0.85,
        "asks to keep parents from knowing",
        "{donot} let (?:{your} )?(?:{people}) (?:\\w+ )?(?:see|know|find out|read|hear)"
        "|make sure (?:{your} )?(?:{people}) (?:doesnt|dont|does not|do not|never|wont) (?:\\w+ )?"
        "(?:see|find|know|read|hear)",
        "let sure",
    ),
    _i(
        _C.SECRECY,
        0.85,
        "asks to keep it secret",
        "(?:keep|keeping|keeps) (?:this|it|that|us|our \\w+|what we \\w+|these|them|everything|the "
        "(?:pics|photos|pictures|videos|chat|messages)) ~2 (?:a )?(?:secret|between us(?! and "
        "(?:the|our|everyone|all|my))|between (?:you and me|me and you|us two|the two of us)|"
        "private|to {you}|on the down low|on the downlow|on the dl|hidden|hush)",
        "keep keeping keeps",
    ),
    _i(
        _C.SECRECY,
        0.6,
        "asks to keep something secret",
        "(?:keep|keeping|keeps) (?!a secret)(?:\\w+ ){1,3}(?:a )?(?:secret|between us|private|"
        "hidden|on the dl)",
        "keep keeping keeps",
    ),
    _i(
        _C.SECRECY,
        0.45,
        "asks if they can keep a secret",
        "(?:can|could) {you} keep (?:a )?secrets?",
        "keep",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "calls it their secret",
        "our (?:little |special |own |lil )?secret",
        "secret",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "says it stays between them",
        "(?:just|only|stays|stay|is|keep it) between (?:you and me|me and you|us|the two of us|us "
        "two)|(?:stays|stay) with us",
        "between stays stay",
    ),
    _i(_C.SECRECY, 0.35, "mentions a secret", "secret", "secret"),
    _i(
        _C.SECRECY,
        0.45,
        "says no one will know",
        "(?:no one|noone|nobody|no body) (?:will |would |is going to |ever )*(?:know|find out|see)",
        "nobody noone one body & know find see",
    ),
    _i(
        _C.SECRECY,
        0.75,
        "asks to delete the messages",
        "(?:delete|erase|clear|wipe|unsend) (?:all )?(?:our|the|these|{your}|those) (?:\\w+ "
        ")?(?:messages|chat|chats|convo|conversation|texts|dms|history|pics|photos|pictures|videos|"
        "evidence)|(?:delete|erase|unsend) (?:this|it|them|that) (?:after|when|once|as soon as) "
        "{you} (?:read|see|saw|seen|look)",
        "delete erase clear wipe unsend",
    ),
    _i(
        _C.SECRECY,
        0.75,
        "says no one will find out",
        "(?:no one|noone|nobody|no body) (?:else )?(?:needs to|has to|have to|ever has to|must|"
        "should|can|will ever|is ever going to) (?:ever )?(?:know|find out|see)|(?:no one|noone|"
        "nobody|no body) (?:will |would |is going to |ever |else )*(?:know|find out|see|notice|"
        "hear) (?:about )?(?:us|this|it|what we|that we|our|about)|{your} {parents} (?:will never|"
        "wont ever|wont|will not|dont need to|dont have to|doesnt need to|does not need to|doesnt "
        "have to|never have to|will never ever) (?:know|find out|see)",
        "nobody noone one body {parents} & know find see notice hear",
    ),
    _i(
        _C.SECRECY,
        0.85,
        "asks them to hide the chat from others",
        "hide ~3 from (?:{your} )?(?:{people})",
        "hide",
    ),
    _i(
        _C.SECRECY,
        0.7,
        "pushes disappearing or hidden chats",
        "vanish mode|disappearing messages|secret chat|incognito|finsta|(?:fake|secret|second|"
        "spare|burner|hidden) (?:account|profile|number|phone)",
        "vanish disappearing secret incognito finsta fake second spare burner hidden",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "coaches a cover story",
        "if (?:anyone|anybody|{your} {parents}|{parents}|someone|they|she|he) (?:ever )?(?:asks?|"
        "finds? out|says? anything|sees?) ~4 (?:say|tell (?:them|him|her)|pretend|lie)",
        "asks ask find finds says say sees see & if",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "coaches a cover story",
        "(?:say|tell (?:them|her|him)|pretend) (?:that )?(?:im|i am|it is|its|this is|{you} (?:are|"
        "were) talking to) (?:just )?(?:a |{your} )?(?:friend|classmate|cousin|girl|boy|kid|"
        "someone) from",
        "friend classmate cousin girl boy kid someone & from",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "coaches a cover story",
        "if (?:anyone|anybody|{your} {parents}|{parents}|someone|they) (?:ever )?asks? ~3 (?:we|i) "
        "(?:never|didnt|did not) (?:talked|talk|spoke|speak|met|meet)|tell {your} {parents} "
        "(?:{you} are|youre|your|{you}) (?:at|with|staying at|sleeping at|going to) (?:a |at a |"
        "{your} )?friends?",
        "never didnt did friend friends & if tell",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "asks them to hide their contact",
        "(?:save|put|add|store) (?:my|this|the) (?:number|contact|name) (?:in {your} (?:phone|"
        "contacts) )?(?:under|as) (?:a |an |{your} )?(?:girls?|boys?|friends?|classmates?|kid|fake|"
        "different|someone|bestie|cousin)",
        "save put add store",
    ),
    _i(
        _C.SECRECY,
        0.7,
        "says nobody can read it elsewhere",
        "(?:nobody|no one|noone|{parents}) (?:can |will |ever )?(?:reads?|checks?|sees?|monitors?) "
        "(?:it |them |our \\w+ |the \\w+ )?(?:there|on (?:there|it|{apps}))",
        "there {apps} & nobody no noone {parents}",
    ),
    _i(
        _C.SECRECY,
        0.45,
        "asks them not to tell a parent",
        "{donot} (?:\\w+ )?(?:tell|mention|show) ~1 {parents}",
        "tell mention show & {parents}",
    ),
    _i(
        _C.SECRECY,
        0.7,
        "says no one will know, to push",
        "(?:come on|just|dont worry|relax|its fine|its ok|trust me) ~4 (?:no one|nobody|noone) "
        "(?:will |would |is going to |ever )*(?:know|find out|see)",
        "nobody noone one & come just worry relax fine ok trust",
    ),
    _i(
        _C.SECRECY,
        0.75,
        "allows telling some things but not about them",
        "(?:tell|mention|talk about|say) ~5 but not (?:about )?(?:us|me|our \\w+|this chat|what we "
        "\\w+)",
        "tell mention talk say & not",
    ),
    _i(
        _C.SECRECY,
        0.7,
        "asks them not to say they were in touch",
        "{donot} (?:tell|say to|mention to) (?:her|him|them|(?:{your} )?{people}) (?:that )?"
        "(?:i|we) (?:asked|messaged|talked|texted|called|wrote|dmd|dm d|were talking|was here|"
        "am here)",
        "tell say mention",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "somewhere their family cannot see",
        "(?:where|somewhere|someplace|a place) (?:{your} )?(?:{people}) (?:cant|can not|cannot|"
        "wont|"
        "will not|doesnt|dont|wouldnt|would not) (?:ever )?(?:see|find|read|hear|check|know|look)",
        "where somewhere someplace place",
    ),
    _i(
        _C.SECRECY,
        0.75,
        "so that no one sees their messages",
        "so (?:that )?(?:no one|noone|nobody|{your} {parents}|they|mom|mum|dad) (?:\\w+ )?(?:sees|"
        "see|reads|read|finds|find|knows|know|notices|checks) (?:about )?(?:my|our|these|the|"
        "{your})? "
        "?(?:msgs|messages|chats?|texts|dms|name|pics|photos|convo|notifications|us|this|it)",
        "so & nobody noone one parents mom mum dad they {parents}",
    ),
    _i(
        _C.SECRECY,
        0.65,
        "reminds them of a secret",
        "(?:remember|dont forget|do not forget) (?:\\w+ ){0,2}(?:secret|what (?:we|i) (?:said|"
        "agreed|"
        "told {you}))|secret (?:\\w+ )?remember|(?:shh+|secret) (?:ok|okay|right|promise)\\W*$",
        "secret what & remember forget secret ok okay right promise",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "gives a cover story",
        "if (?:anyone|anybody|{your} {parents}|{parents}|someone|they|she|he) (?:ever )?asks? ~1 "
        "(?:im|i am|i was|we are|were) (?:just )?(?:{your}|a|an|old) (?:\\w+ )?(?:friend|friends|"
        "classmate|classmates|cousin|cousins|mate|mates)|pretend (?:that )?(?:im|i am|i was|were|"
        "we are|"
        "to be) ~4 (?:when|if) (?:{your} )?(?:{people}|she|he|they) (?:\\w+ )?(?:asks?|checks?|"
        "sees?|"
        "finds? out|comes? in|looks?)",
        "asks ask pretend",
    ),
    _i(
        _C.SECRECY,
        0.75,
        "asks them to come alone",
        "{donot} (?:bring|invite|tell) (?:anyone|anybody|{your} {people}|{friends}|{parents})"
        "(?: (?:with|along|to|about)|\\W*$)|come (?:alone|by yourself|on {your} own)",
        "bring invite tell alone yourself own",
    ),
    _i(
        _C.SECRECY,
        0.8,
        "warns them off telling anyone",
        "if {you} (?:ever )?(?:tell|show|say (?:anything|a word) to|talk to) (?:anyone|anybody|"
        "{your} {people}|{people}) ~6 (?:{iwill}|ill|{you} (?:will|ll|re going to|are going to|"
        "gonna)) ~5 (?:trouble|regret|sorry|hurt|post|send|share|tell|show|ruin|come|find)",
        "tell show say talk & if",
        also=(_C.THREAT,),
    ),
)

_ISOLATION = (
    _i(
        _C.ISOLATION,
        0.85,
        "says their family doesn't understand them",
        "{your} (?:{parents}|{friends}) (?:\\w+ )?(?:dont|do not|doesnt|does not|wont|will not|"
        "wouldnt|would not|never|cant|cannot|would never) (?:really |even |ever |truly "
        ")?(?:understand|get|care about|care|love|listen to|appreciate|respect|deserve|accept|"
        "approve)",
        "{parents} {friends} & {your}",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "says others wouldn't understand them",
        "(?:they|people|adults|no one else|nobody else|others) (?:\\w+ )?(?:wouldnt|would not|wont|"
        "will not|dont|do not|cant|could never|would never) (?:ever )?(?:understand|get|accept|"
        "approve of) (?:us|this|what we have|our|what we|{you} like (?:i do|me))",
        "understand get accept approve & wouldnt would wont will dont do cant could never",
    ),
    _i(
        _C.ISOLATION,
        0.45,
        "says others wouldn't get it",
        "(?:they|{your} {parents}|people|adults) (?:\\w+ )?(?:wouldnt|would not|wont|will not|dont|"
        "do not|would never) (?:ever )?(?:understand|get it)",
        "understand get & wouldnt would wont will dont do never",
    ),
    _i(
        _C.ISOLATION,
        0.85,
        "claims to be the only one who understands",
        "(?:im|i am) (?:the only (?:one|person)|the only 1|the one) (?:who|that)? ?(?:really |"
        "truly |actually )?(?:understands|gets|cares about|cares|loves|listens to|is there for|"
        "sees|will ever understand|can understand)|only (?:i|me) (?:really |truly )?(?:understand|"
        "get|care about|love|know) {you}|(?:no one|nobody|noone) (?:else )?(?:\\w+ "
        ")?(?:understands|gets|cares about|loves|knows|listens to|appreciates) {you} (?:like|as "
        "much as|the way) (?:i do|me|i)",
        "only one nobody noone & understands gets cares loves listens sees understand get care "
        "love know knows appreciates there",
    ),
    _i(
        _C.ISOLATION,
        0.8,
        "says they don't need family or friends",
        "{you} (?:dont|do not) need (?:them|{your} (?:{parents}|{friends})|{parents}|{friends}|"
        "anyone (?:else|but me)|anybody (?:else|but me)|other (?:friends|people))|{you} only need "
        "me|all {you} need is me",
        "need",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "disparages their friends or family",
        "{your} (?:{friends}|{parents}) (?:are|is) (?:\\w+ )?(?:fake|jealous|toxic|using {you}|bad "
        "for {you}|holding {you} back|not (?:your )?real friends|not good for {you}|against {you}|"
        "controlling|lying to {you})",
        "{friends} {parents} & {your}",
    ),
    _i(
        _C.ISOLATION,
        0.5,
        "sides against their parents",
        "{your} {parents} (?:are|is) (?:always |just )?(?:so |too |really )?(?:strict|"
        "overprotective|annoying|mean|unfair)|{you} deserve (?:so much )?(?:better|the world)",
        "{parents} deserve & {your} you",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "tells them to cut others off",
        "(?:stop|dont|quit|no more) (?:talking|hanging|hanging out|chatting|texting|speaking) "
        "(?:to|with) (?:them|{your} (?:{friends}|{parents})|other (?:people|guys|boys|girls)|"
        "anyone else|everyone else)",
        "talking hanging chatting texting speaking",
    ),
    _i(
        _C.ISOLATION,
        0.6,
        "positions themself as the confidant",
        "{you} can (?:always )?(?:talk to|tell|trust|come to|rely on|count on) (?:me|only me) "
        "(?:about anything|about everything|instead|not them|more than)|(?:tell|talk to) me "
        "(?:instead of|not) {your} {parents}|{you} can (?:only )?trust (?:only )?me",
        "come count rely talk tell trust & me",
    ),
    _i(
        _C.ISOLATION,
        0.8,
        "suggests running away",
        "run away|runaway|leave home|come live with me|live with me|stay with me forever|leave "
        "{your} {parents}",
        "away runaway leave live forever",
    ),
    _i(
        _C.ISOLATION,
        0.8,
        "claims to care more than family",
        "(?:care about|love|understand|get) {you} (?:way )?(?:more|better) than (?:they|them|"
        "{your} (?:{parents}|{friends})|anyone|anybody)",
        "than",
    ),
    _i(
        _C.ISOLATION,
        0.75,
        "says no one will love them as they do",
        "(?:no one|nobody|noone) (?:else )?(?:will |would |could |can )?(?:ever )?(?:love|"
        "understand|"
        "care about|treat|get) {you} (?:like|as much as|the way|as well as) (?:i do|me|i)",
        "nobody noone one & love understand care treat get",
    ),
    _i(
        _C.ISOLATION,
        0.7,
        "questions why they listen to family",
        "why (?:do|would|should) {you} (?:even |still |always )?(?:listen to|obey|care what|care "
        "about what) {your} {parents}|{donot} (?:listen to|obey) {your} {parents}",
        "listen obey care & why {donot}",
    ),
    _i(
        _C.ISOLATION,
        0.65,
        "keeps family or friends out",
        "{your} (?:{friends}|{parents}) (?:would|will|gonna|going to) (?:just |only )?(?:ruin|"
        "spoil|"
        "mess up|wreck)|{donot} let (?:her|him|them|{your} (?:{friends}|{parents})) (?:in|come in|"
        "join)\\b(?! the (?:game|base|server|house))",
        "ruin spoil mess wreck let",
    ),
)

_OFF_PLATFORM = (
    _i(
        _C.OFF_PLATFORM,
        0.8,
        "asks to connect on another app",
        "(?:add|message|dm|text|hit me up|hmu|find|call|chat with|talk to|reach) (?:me |me up"
        " )?(?:on|in|at|via|over on|over|thru|through) {apps}",
        "{apps}",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.8,
        "asks for their handle on another app",
        "(?:whats|what is|give me|send me|drop|tell me|got|share) (?:{your} )?{apps}(?: name| "
        "username| handle| id| account| info| code)?",
        "{apps}",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.75,
        "gives their handle on another app",
        "(?:my|mine) {apps} ?(?:is|name is|username is|handle is|id is|:) ?(?!(?:down|broken|not|"
        "glitching|lagging|acting|so|being|dead|gone|banned|hacked|deleted|private|weird|bugged|"
        "slow|blocked)\\b)\\w+",
        "{apps}",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.65,
        "asks if they use another app",
        "(?:do |d )?{you} (?:have|got|use|on) (?:a |an )?{apps}|^\\W*{apps}\\W*$",
        "{apps}",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.85,
        "asks to move the chat somewhere private",
        "(?:lets|let us|we should|can we|could we|want to|we can|how about we|why dont we|should "
        "we|i want to|id like to|i prefer to) ~2 (?:move|go|switch|talk|chat|continue|take this|"
        "take it|keep talking|text|talk more) ~3 (?:{apps}|another app|a different app|another "
        "platform|(?:a )?(?:more )?private (?:chat|app|place|call|room|server|account)|"
        "(?:somewhere|someplace) (?:else|private|more private|safer|quieter)|private)",
        "{apps} another different private somewhere someplace",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.55,
        "asks to move to direct messages",
        "(?:lets|let us|we should|can we|could we|want to) (?:go |move |talk |chat |continue )?"
        "(?:to |in |on )?(?:dms|dm|pms|pm|private messages)",
        "dms dm pms pm private",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.7,
        "invites to a private video call",
        "(?:lets|can we|want to|do {you} want to|we should|lets do a|come|join me (?:on|in)) (?:a "
        ")?(?:\\w+ )?(?:video chat|videochat|video call|facetime|private call|private video|camera "
        "chat|camera to camera|private stream|private show)",
        "video videochat facetime private camera & lets can want we come join",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.6,
        "asks for a video call",
        "(?:facetime|video call|video chat) me",
        "facetime video",
    ),
    _i(
        _C.OFF_PLATFORM, 0.4, "asks them to call or text", "(?:call|text|ring) me", "call text ring"
    ),
    _i(
        _C.OFF_PLATFORM,
        0.6,
        "asks them to install another app",
        "(?:download|get|install) (?:the )?{apps}(?: app)? (?:so|and|then|to)",
        "{apps} & download get install",
    ),
    _i(_C.OFF_PLATFORM, 0.45, "promotes another app", "follow me (?:on|at) {apps}", "{apps}"),
    _i(
        _C.OFF_PLATFORM,
        0.75,
        "says this platform is watched",
        "(?:this app|here|this (?:site|platform|chat)|on here) (?:\\w+ )?(?:is |are )?(?:monitored|"
        "not private|too public|not safe|tracked|watched|recorded)",
        "monitored private public safe tracked watched recorded",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.6,
        "asks for their phone number",
        "(?:give|send|text|dm) me {your} (?:phone |cell |mobile )?(?:number|digits|cell)",
        "number digits cell",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.45,
        "asks for a direct message",
        "(?:dm|pm|private message|message) me",
        "dm pm private message",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.4,
        "asks to connect in a game",
        "(?:add|friend|find|join) me (?:on|in) {games}",
        "{games} & add friend find join",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.75,
        "asks them to add their other account",
        "add my {apps}|{apps} me(?:\\W*$| on| at| later| tonight| back)|join my (?:private |secret "
        ")?{apps} (?:server|group|chat|channel)|(?:easier|better|safer|more private) to (?:talk|"
        "chat) (?:on|there|over there)",
        "{apps} easier better safer private & {apps} talk chat",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.6,
        "asks for their number to text them",
        "(?:ill|i will|i can|let me) (?:text|call|facetime|message) {you}",
        "text call facetime message",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.7,
        "invites them to their other app",
        "(?:come|join) (?:to |on )?my {apps}",
        "{apps} & come join",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.75,
        "invites them to a private room",
        "(?:come|join|go) (?:to |in |into )?my (?:private|secret|own) (?:room|chat|server|stream|"
        "channel|group|page)",
        "private secret own & come join go",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.7,
        "asks them to get another app",
        "(?:download|get|install|use|join) (?:the |this )?(?:other|another|different|new|better) "
        "(?:app|site|platform)|(?:download|get|install) (?:the )?other one ~4 (?:link|send {you}|"
        "private|talk|chat)",
        "other another different new better & download get install use join",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.7,
        "names apps as a question",
        "^\\W*{apps}\\W*(?:or|and|/)?\\W*{apps}\\W*$",
        "{apps}",
    ),
)

_GIFT_OFFER = (
    _i(
        _C.GIFT_OFFER,
        0.75,
        "offers to buy or give something",
        "(?:{iwill}|want me to|should i) ~1 (?:buy|get|give|send|gift|pay for|order|treat) "
        "(?:{you}|{your}) ~2 {gifts}|{iwill} ~1 (?:buy|get|pay for|send|gift) (?:\\w+ )?{gifts} "
        "(?:for|4) {you}",
        "{gifts} & buy get give send gift pay order treat",
    ),
    _i(
        _C.GIFT_OFFER,
        0.8,
        "offers anything they want",
        "(?:buy|get|give|send) {you} (?:anything|whatever|everything) {you} (?:want|like|need|ask)|"
        "(?:{iwill}|want me to|should i) ~1 (?:buy|get|give|send) {you} (?:anything|something|"
        "stuff|whatever|everything)(?! to)",
        "anything whatever everything something stuff",
    ),
    _i(
        _C.GIFT_OFFER,
        0.6,
        "offers free in-game currency",
        "(?:{you} want |want |do {you} want |need )?(?:some )?free (?:robux|vbucks|v bucks|skins|"
        "nitro|gems|coins|diamonds|gift cards?|money)",
        "free",
    ),
    _i(
        _C.GIFT_OFFER,
        0.6,
        "asks if they want a gift or money",
        "(?:(?:^|[.!?,]\\W*)|(?:do )?{you} )want (?:some |a |an |more |free )?(?:\\$ ?\\d+ "
        ")?(?:\\w+ )?(?:robux|vbucks|v bucks|nitro|money|cash|gift card|gift cards|skins|gift|"
        "present|new phone)",
        "robux vbucks bucks nitro money cash card cards skins gift present phone",
    ),
    _i(
        _C.GIFT_OFFER,
        0.65,
        "says they sent or bought a gift",
        "i (?:just )?(?:sent|bought|got|ordered|gifted) {you} (?:a |an |some |the )?(?:\\w+ "
        ")?{gifts}",
        "sent bought got ordered gifted & {gifts}",
    ),
    _i(
        _C.GIFT_OFFER,
        0.55,
        "offers a gift",
        "(?:a )?(?:gift|present|gifts|presents) (?:for|4) {you}",
        "gift present gifts presents",
    ),
    _i(_C.GIFT_OFFER, 0.7, "offers to pay them", "{iwill} ~1 pay {you}(?! back)", "pay"),
    _i(
        _C.GIFT_OFFER,
        0.7,
        "offers to bring a gift",
        "{iwill} ~1 (?:bring|have) (?:{you} )?(?:a |the |some |{your} )?(?:\\w+ )?(?:gift|present|"
        "gifts|presents|surprise)",
        "gift present gifts presents surprise & bring have",
    ),
    _i(
        _C.GIFT_OFFER,
        0.7,
        "offers to pay a top-up",
        "(?:top ?up|recharge|reload) ~3 {iwill} (?:do it|pay|send|cover|get)|{iwill} (?:pay for|"
        "cover|do|buy) (?:{your} |a |the )?(?:top ?up|recharge|reload)",
        "top topup recharge reload",
    ),
    _i(
        _C.GIFT_OFFER,
        0.7,
        "asks for an address to send a gift",
        "(?:address|postcode|post code|zip|zip code|location) (?:for|4|so i can (?:send|post|mail|"
        "ship)) ~2 {gifts}",
        "address postcode post zip location",
    ),
    _i(
        _C.GIFT_OFFER,
        0.8,
        "offers gifts in exchange",
        "{iwill} ~1 (?:send|give|pay|gift) (?:{you} )?(?:\\d+k? |some |a lot of |lots of )?{gifts} "
        "(?:for|4) (?:a |one |1 |just one |some |{your} )?(?:{img}|favou?r|something|it|that)",
        "send give pay gift",
    ),
    _i(
        _C.GIFT_OFFER,
        0.6,
        "gifts for a favourite",
        "{gifts} (?:for|4) my (?:fav|favorite|favourite|special|pretty|little|best|sweet) (?:girl|"
        "princess|angel|lady|baby|cutie)",
        "fav favorite favourite special pretty little best sweet",
    ),
)

_LIKES_FOR_ACTS = (
    _i(
        _C.LIKES_FOR_ACTS,
        0.85,
        "offers likes or gifts for an act",
        "{rewards} ~4 (?:if|when|once|for|after|as soon as) {you} ~3 {acts}|{rewards} (?:for|4) "
        "(?:a |an |the |some )?{acts}",
        "{rewards} & if when once for after soon 4",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.85,
        "offers likes or gifts for an act",
        "(?:if|when|once) {you} ~3 {acts} ~7 {rewards}|{acts} ~3 (?:for|4) ~2 {rewards}",
        "{rewards} & if when once for 4",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.8,
        "sets a likes goal for an act",
        "(?:\\d+k?|more|a lot of|lots of) ~1 {rewards} (?:and|=|then|means|for|gets|unlocks) ~3 "
        "{acts}",
        "{rewards} & {acts}",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.6,
        "sets a likes goal for a performance",
        "(?:\\d+k?|more|a lot of|lots of) ~1 {rewards} (?:and|=|then|means|for|gets|unlocks) ~3 "
        "{mildacts}",
        "{rewards} & {mildacts}",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.6,
        "offers likes or gifts for a performance",
        "{rewards} ~4 (?:if|when|once|for|after) {you} ~3 {mildacts}|(?:if|when|once) {you} ~3 "
        "{mildacts} ~7 {rewards}|{mildacts} ~2 (?:for|4) ~2 {rewards}",
        "{rewards}",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.3,
        "offers likes or gifts on a condition",
        "(?:give|send|get|drop|spam|gift) {you} ~2 {rewards} (?:if|when|once) {you}",
        "{rewards}",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.8,
        "offers likes or gifts after an act",
        "{acts} ~3 (?:and|then) (?:ill|i will|i ll) (?:send|give|drop|tap|spam|gift)(?: ~2 "
        "{rewards}| {you}(?:\\W*$| something| a gift| gifts))|{rewards} (?:for|4) (?:every|each) "
        "{acts}|(?:most|biggest|top) (?:\\w+ )?(?:gifts|gifter|donation|likes|gifters) ~3 (?:picks|"
        "chooses|decides|gets to pick) ~2 (?:dare|dares|challenge|what {you} do)",
        "{rewards} gifter gifters gift",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.6,
        "offers likes or gifts after a performance",
        "{mildacts} ~3 (?:and|then) (?:ill|i will|i ll) (?:send|give|drop|tap|spam|gift) ~2 "
        "{rewards}",
        "{rewards}",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.8,
        "sets a reward goal for an act",
        "(?:if|when|once|we|at|goal|hit) ~3 (?:\\d+ ?k?|the) (?:{rewards}|goal) ~4 (?:then )?{you} "
        "(?:do|take|show|have to|gotta|got to|must|will|lose|remove|flash|lift|stand|sit|lie|spin)|"
        "(?:every|each|per) (?:\\d+ ?k?|one|single) ?{rewards} ~3 {you} (?:take|remove|do|show|"
        "lose|"
        "flash|lift|dance|spin|stand|sit|lie|go)",
        "{rewards} goal",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.8,
        "asks a dare or challenge for rewards",
        "(?:challenge|dare|thing|it) ~6 (?:for|4) (?:\\d+ ?k?|a|some|more|the) {rewards}",
        "challenge dare thing it",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.8,
        "trades an act for a gift",
        "{you} (?:stand|sit|lie|lay|get|go|take|show|do|turn|spin|move|dance) ~6 (?:i|ill|i will|"
        "and "
        "i|then i) (?:send|give|gift|drop|throw) ~2 (?:{rewards}|{gifts})",
        "send give gift drop throw",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.8,
        "a reward goal then clothes off",
        "(?:goal|\\d+ ?k?) ~3 (?:then |=|and )?(?:{adj}{clothes}|it|everything|something) off",
        "off",
        also=(_C.UNDRESS_REQUEST,),
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.6,
        "likes for a performance",
        "{rewards} (?:for|4) (?:a|an|one|some) (?:{mildacts}|twirl|spin)(?=\\W*(?:$|[,.!?]))",
        "{rewards}",
    ),
)

_UNDRESS_REQUEST = (
    _i(
        _C.UNDRESS_REQUEST,
        0.85,
        "asks to take clothing off",
        "{remove} (?:{det} )?{adj}{clothes}|(?:take|takes|taking|pull|get|rip|throw|slip|peel|whip|"
        "have|got) (?:{det} )?{adj}{clothes} off",
        "{clothes} & {remove} off",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.8,
        "asks to pull clothing up",
        "(?:pull|lift|roll|hike) (?:{det} )?{adj}{tops} up|(?:pull|roll|hike) up (?:{det} "
        ")?{adj}{tops}",
        "{tops}",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.8,
        "asks to take clothing off",
        "take (?:it|them|that|those) off ~4 {clothes}|{clothes} ~4 take (?:it|them|that|those) off",
        "{clothes} & off",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.75,
        "asks for clothing off",
        r"(?:^|[.!?,]\W*)(?:{det} )?{clothes} off",
        "{clothes} & off",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.85,
        "asks to see them without clothing",
        "(?:show me|let me see|see {you}|{you}|be|get|come|stream|go|do it|can i see) ~2 "
        "(?:without|with no|w/o|w o) (?:{det} |any |a |an )?{clothes}",
        "{clothes} & without with w",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.5,
        "mentions being without clothing",
        "without (?:{det} |any )?{clothes}(?: on)?",
        "{clothes} & without",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.85,
        "asks them to undress",
        "undress|undressed|undressing|(?:get|be|go|stay|strip|getting) (?:\\w+ )?(?:naked|nude|"
        "topless|shirtless)",
        "undress undressed undressing naked nude topless shirtless",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.8,
        "asks to see them in underwear",
        "(?:show me|let me see|see|send|wear|be|get|stay|sit|stream) ~2 in (?:{your} |a |the )?"
        "(?:\\w+ )?{underthings}",
        "{underthings}",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.85,
        "asks what is under their clothes",
        "(?:show|see|whats|what is|what do {you} have|what are {you} wearing) (?:me )?(?:\\w+ "
        ")?under (?:{your} |the |that )?{clothes}",
        "under",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.75,
        "asks to show their body",
        "(?:show|see|flash|let me see|show off|send) (?:me |us )?(?:{your}|those|that|some|more) "
        "(?:\\w+ )?{body}",
        "{body}",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.75,
        "asks them to change clothes on camera",
        "(?:change|get changed|changing|try on|strip) ~3 (?:on (?:camera|stream|live|video)|in "
        "front of (?:me|the camera)|for me)",
        "change changed changing try strip",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.7,
        "asks them to wear less or swimwear",
        "wear (?:something )?(?:less|shorter|tighter|revealing|smaller)|(?:put on|wear|wearing|try "
        "on) (?:{your} |a |the )?(?:bikini|swimsuit|bra|lingerie|crop top)",
        "less shorter tighter revealing smaller bikini swimsuit bra lingerie crop",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.75,
        "asks them to wear less",
        "(?:wearing|got|have) (?:on )?too (?:much|many) (?:clothes|layers|on)?|take (?:some|"
        "something|a few things|it all|everything) off|get out of (?:{det} )?{adj}{clothes}|"
        "(?:change|get changed) into (?:{your} |a |an |the |some )?{adj}(?:{underthings}|something "
        "(?:smaller|shorter|tighter|less))",
        "much many off out into",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.75,
        "asks for an outfit check in underwear or nightwear",
        "(?:outfit|fit|try on) (?:check|haul|show)? ?~3 (?:in )?{underthings}|{underthings} ~3 "
        "(?:outfit check|fit check|try on)",
        "{underthings}",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.6,
        "asks them to take it off",
        "take (?:it|them|that|those|everything) (?:all )?off(?:\\W*$| now| for| pls| please)",
        "take",
    ),
)

_CAMERA_DIRECTION = (
    _i(
        _C.CAMERA_DIRECTION,
        0.85,
        "directs the camera lower or closer",
        "(?:move|point|tilt|turn|put|angle|aim|bring|lower|hold|drop|pan|flip|zoom|zoom in|take) "
        "(?:{det} |my )?{cam} (?:a bit |a little |slightly |more |just |way )?(?:down|lower|closer|"
        "under|below|further down|downwards|to {your} (?:bed|{body})|at {your} (?:bed|{body}))",
        "{cam} & down lower closer under below downwards bed {body}",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.75,
        "directs the camera lower or closer",
        "{imp}(?:{your} )?{cam} (?:a bit |a little |more |way |further )?(?:lower|closer|down "
        "(?:a bit|a little|more|lower|please|now)|down\\W*$)",
        "{cam} & down lower closer",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.75,
        "directs the camera lower",
        "lower (?:{det} )?{cam}",
        "{cam} & lower",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.75,
        "directs the phone lower",
        "(?:tilt|point|angle|aim|move) (?:{det} )?phone (?:a bit |a little |more )?(?:down|lower|"
        "under|below)",
        "phone",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.85,
        "asks to be carried into a private room",
        "(?:take|bring|carry) (?:me|{you}|(?:{det} )?(?:{cam}|phone)) (?:with {you} )?(?:in|into|"
        "to|inside) (?:{det} )?{room}",
        "{room}",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.75,
        "tells them to go to the bathroom",
        "{ask}(?:go|run|head|walk) (?:\\w+ )?(?:in|into|to|inside) (?:{det} )?{wetroom}|(?:go|run|"
        "head|walk) (?:\\w+ )?(?:in|into|to|inside) (?:{det} )?{wetroom} ~3 (?:with (?:me|the "
        "camera|{your} (?:phone|camera))|and (?:show|lock|turn|take|bring|call|facetime|video|"
        "send))",
        "{wetroom}",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "tells them to go to the bathroom",
        "{cmd}(?:go|run|head|walk) (?:\\w+ )?(?:in|into|to|inside) (?:{det} )?{wetroom}",
        "{wetroom}",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.6,
        "tells them to go into the bathroom",
        "{cmd}(?:go|run|head|walk) (?:in|into|inside) (?:{det} )?{wetroom}",
        "{wetroom}",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "tells them to take a shower or bath",
        "{imp}(?:take|have|get in) (?:a |the )?(?:shower|bath)",
        "shower bath",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.6,
        "tells them to go to their room",
        "{imp}(?:go|get|run|head) (?:\\w+ )?(?:in|into|to) {your} (?:room|bedroom)",
        "room bedroom",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.8,
        "tells them to lock the door",
        "lock {your} (?:\\w+ )?door|lock (?:the |that )?(?:\\w+ )?door (?:so|and|first|now|right "
        "now|before (?:we|i))",
        "lock",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "tells them to lock the door",
        "lock (?:{det} )?(?:\\w+ )?door",
        "lock",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "tells them to close the door",
        "{imp}(?:close|shut) (?:{det} )?(?:\\w+ )?door",
        "close shut",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.7,
        "tells them to lie on the bed",
        "(?:lie|lay|lie down|lay down|get|sit|go sit) (?:down )?(?:on|in) (?:{det} )?bed",
        "bed",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.8,
        "directs their pose for the camera",
        "(?:stand up|turn around|spin around|bend over|bend down|lean back|lean forward|step back|"
        "back up|move back|sit back|get up|lift (?:{your} )?(?:arms|leg|legs)) (?:\\w+ )?(?:so "
        "(?:i|we) can see(?! (?:the|my|this|that|his|her|its)\\b)|for me|for (?:the )?{cam}|and "
        "show (?:me |us )?(?:{your}|{you}|everything|more))",
        "bend get lean lift sit spin stand step turn back move & see me camera webcam video show",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "directs their pose",
        "{imp}(?:stand up|turn around|spin around|bend over)",
        "stand turn spin bend",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.7,
        "asks them to come closer to the camera",
        "(?:come|get|move|lean|sit) closer to (?:the |{your} )?(?:{cam}|screen|phone)",
        "closer",
    ),
    _i(_C.CAMERA_DIRECTION, 0.5, "asks them to come closer", "come closer", "closer"),
    _i(
        _C.CAMERA_DIRECTION,
        0.6,
        "asks to see their room or bed",
        "(?:show|show me|show us|let me see) {your} (?:room|bedroom|bed|bathroom)",
        "room bedroom bed bathroom",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "asks them to turn the lights off",
        "(?:turn|switch) (?:off )?(?:the |{your} )?lights? (?:off)?",
        "lights light",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.45,
        "tells them to lie on the floor",
        "(?:lie|lay|lie down|lay down) (?:down )?(?:on|in) (?:the |{your} )?floor|^\\W*(?:lie|lay) "
        "down\\W*$",
        "floor lie lay",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.75,
        "directs a slow turn",
        "(?:turn|spin) around slowly|turn slowly|stand up and turn(?: around)?",
        "slowly stand",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.7,
        "tells them where to put the phone",
        "(?:put|place|prop|lay|set|lean) (?:{your}|the) (?:phone|camera|laptop|tablet|ipad) "
        "(?:down )?(?:on|against|by) (?:the |{your} )?(?:floor|bed|ground|pillow|wall)|(?:phone|"
        "camera) facing up",
        "phone camera laptop tablet ipad",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.8,
        "tells them to go where no one can see",
        "(?:go to|go in|find|get in|move to) (?:a |{your} |the |another )?(?:room|place|spot) "
        "where (?:nobody|no one|noone) (?:can|will|could) (?:see|walk in|come in|hear|disturb|"
        "find)",
        "where",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.6,
        "asks them to lie down",
        "(?:if|when|once) {you} (?:lie|lay) down",
        "lie lay",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.75,
        "asks to go where no one can walk in",
        "(?:go|move|get|take {you}) (?:to )?(?:somewhere|someplace|a place|a room|where) "
        "(?:no one|nobody|noone|{your} {parents}|they) (?:can|will|could|wont|cant) (?:walk in|"
        "come "
        "in|barge in|interrupt)",
        "somewhere someplace place room where",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.6,
        "asks them onto the bed",
        "{you} (?:stand|sit|lie|lay|kneel|get) (?:up )?(?:on|in|onto|into) (?:the |{your} )?bed",
        "bed",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.7,
        "asks them to turn around for rewards",
        "(?:spin|turn|twirl) (?:around|round) ~2 (?:for|4) (?:\\d+ ?k?|a|some|the) {rewards}",
        "spin turn twirl",
    ),
)

_IMAGE_REQUEST = (
    _i(
        _C.IMAGE_REQUEST,
        0.65,
        "asks for a picture or video",
        "(?:send|sends|sending|dm|text|snap|give|show) (?:me |us )?(?:a |an |some |more |another |"
        "{your} |one |a few |few |any |new )?{adj}{img}",
        "{img} & send sends sending dm text snap give show",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.8,
        "asks for pictures of them",
        "{img} of (?:{you}|{your} ?self|{your} (?:\\w+ )?(?:{body}|face|outfit|room|bed))",
        "{img} & of",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.85,
        "asks for a private or body picture",
        "(?:body|full body|mirror|bikini|private|special|naughty|spicy|sexy|hot|bath|shower|bed|"
        "bedroom|secret|exclusive|underwear|topless|bathroom|after shower) (?:\\w+ )?{img}",
        "{img} & body full mirror bikini private special naughty spicy sexy hot bath shower bed "
        "bedroom secret exclusive underwear topless bathroom after",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.9,
        "asks for nudes",
        "(?:send|sends|sending|get|have|see|want|wanna|trade|swap|give|show|got any) ~3 (?:nudes|"
        "noodz|nude (?:pics|photos|selfies))",
        "nudes noodz nude",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.7,
        "asks to see them",
        "(?:can|could|may|let|want to|i want to|id love to|please) (?:i |me )?(?:see|"
        "get|have) (?:a |some |more |another |{your} |{det} )?(?:\\w+ )?{img}",
        "{img} & see get have",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.7,
        "asks to see them",
        "(?:let me see|show me|i want to see|can i see|want to see) (?:{you}(?! in person| irl| in "
        "real life)|what {you} look like|{your} face|how {you} look|the real {you}|{you} now)",
        "see show & you yourself look face & let can want me",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.55,
        "asks them to turn the camera on",
        "(?:turn|switch|put|open) (?:on )?{your} (?:{cam})(?: on)?|(?:turn|switch|put) on (?:the |"
        "{your} )?{cam}|{imp}(?:{your} )?{cam} on(?: please| now)?\\W*$",
        "{cam} & on",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.75,
        "asks them to take a picture for them",
        "(?:take|snap|make|record|film) (?:a |some |me a |another |more )?(?:\\w+ )?{img} (?:and "
        "send|for me|of {you}|and show)|(?:record|film) {you}",
        "{img} record film & take snap make record film",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.5,
        "asks for more pictures",
        "more {img}|^\\W*(?:\\w+ )?{img}\\s*\\?+\\W*$|{img} (?:please|now|asap)",
        "{img}",
    ),
    _i(_C.IMAGE_REQUEST, 0.45, "mentions nudes", "nudes|noodz", "nudes noodz"),
    _i(
        _C.IMAGE_REQUEST,
        0.75,
        "asks them to send first",
        "{you} send (?:\\w+ )?first|send (?:\\w+ )?first (?:and|then|n) (?:ill|i will|i ll|i) send",
        "first",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.7,
        "asks them to turn the camera on",
        "(?:(?:turn|put|switch|keep|get) (?:{your} |the )?|(?<=[,.!]\\s))(?:cam|"
        "camera) on(?: for me| "
        "pls| please| now| rn|\\W*$)",
        "cam camera",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.75,
        "asks them to repeat it on camera",
        "(?:do it|again) (?:again )?(?:on|in front of the) (?:cam|camera|video)",
        "cam camera video",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.8,
        "offers gifts for a picture",
        "{gifts} (?:for|4) (?:a |one |1 |some |just one |{your} )?{img}",
        "{img}",
    ),
)

_SEXUAL_TALK = (
    _i(
        _C.SEXUAL_TALK,
        0.85,
        "asks about sexual experience",
        "(?:are|is) {you} (?:still )?(?:a )?virgin|have {you} (?:ever )?(?:had sex|done it|been "
        "touched|hooked up)",
        "virgin sex done touched hooked",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.6,
        "asks about kissing experience",
        "(?:have|did) {you} (?:ever )?(?:kissed|made out with|make out with) (?:anyone|someone|a "
        "(?:boy|girl|guy))|{you} (?:ever )?been kissed",
        "kissed made make & kissed out been",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.75,
        "uses explicit sexual language",
        "horny|kinky|dirty talk|talk dirty|talking dirty|turned on|turn me on|turns me on|nsfw|"
        "porn|lewd|sexting|sext",
        "horny kinky dirty talk talking turned turn turns nsfw porn lewd sexting sext",
    ),
    _i(_C.SEXUAL_TALK, 0.55, "uses sexual language", "sex|sexy|make out", "sex sexy make"),
    _i(
        _C.SEXUAL_TALK,
        0.85,
        "asks about their body developing",
        "(?:has|have|is|did) {your} (?:body|chest) (?:started )?(?:changing|developing|developed|"
        "grown|growing|change)|(?:started|going through|hit) puberty|(?:have|did) {you} (?:get|got|"
        "started) {your} period|bra size|what (?:size|cup) (?:bra|is {your} bra)|(?:what|which) "
        "(?:color|colour) (?:is|are) {your} (?:bra|underwear|boxers|panties|undies)",
        "body chest puberty period bra size cup color colour",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.65,
        "asks what they are wearing",
        "what are {you} wearing(?: right now| now)?",
        "wearing",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.75,
        "wants physical intimacy with them",
        "(?:i want to|id love to|i wish i could|cant wait to|want to|let me|i would|i need to) "
        "(?:\\w+ )?(?:kiss|cuddle|cuddle with|touch|lick|taste|sleep with|spend the night with|be "
        "in bed with|feel) {you}",
        "kiss cuddle touch lick taste sleep spend bed feel",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.7,
        "calls them sexy or hot",
        "{ur}(?:hot|sexy|thicc|thick|curvy|developed)",
        "hot sexy thicc thick curvy developed",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.9,
        "asks if they touch themself",
        "(?:do|did|have) {you} (?:ever )?(?:touch|play with|pleasure) (?:yourself|urself)",
        "touch play pleasure & yourself urself",
    ),
    _i(_C.SEXUAL_TALK, 0.4, "uses innuendo emoji", "innuendo", "innuendo"),
    _i(
        _C.SEXUAL_TALK,
        0.7,
        "asks what they wear to bed",
        "what (?:do|did) {you} (?:wear|sleep in) (?:to bed|to sleep|at night|in bed)?",
        "wear sleep",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.75,
        "asks about older partners",
        "(?:do|would|could) {you} (?:ever )?(?:like|date|go out with|be with|kiss) (?:an "
        ")?(?:older|old|grown) (?:guys|guy|men|man|boys|girls|women|people)",
        "older old grown",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.8,
        "asks about intimate experience",
        "(?:have|did) {you} (?:ever )?(?:done|do) (?:stuff|things|anything|it) with (?:him|her|a "
        "boy|a guy|a girl|someone|anyone|{your} (?:bf|gf|boyfriend|girlfriend))",
        "stuff things anything it & done do & with",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.8,
        "offers adult lessons",
        "(?:learn|teach {you}|show {you}) (?:some |about )?(?:grown up|adult|mature|naughty|"
        "secret) (?:stuff|things)",
        "stuff things",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.6,
        "asks who they have kissed",
        "(?:did|have|do) {you} (?:ever )?(?:kiss|kissed) (?:him|her|them|a boy|a girl|a guy|anyone|"
        "someone|{your} (?:bf|gf|boyfriend|girlfriend))",
        "kiss kissed",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.75,
        "mentions sugar daddies",
        "sugar (?:daddy|daddies|baby|babies)",
        "sugar",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.65,
        "says they dream about them at night",
        "(?:dream|dreaming|dreamt|think|thinking) (?:about|of) {you} (?:every|all|at) (?:night|"
        "nite)",
        "night nite",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.7,
        "says older men are better for them",
        "older (?:guys|men|boys|boyfriends?|man) (?:are|r|treat|know)",
        "older",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.7,
        "asks them to be their partner",
        "(?:be|become) my (?:gf|girlfriend|bf|boyfriend|wife|girl|babe|valentine|lover)",
        "gf girlfriend bf boyfriend wife girl babe valentine lover",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.7,
        "asks about kissing",
        "(?:good|best|bad) kisser|{you} (?:ever )?kissed (?:anyone|someone|a boy|a girl|before)",
        "kisser kissed",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.75,
        "asks what they did with a partner",
        "(?:bf|boyfriend|gf|girlfriend) ~4 what (?:did|do) {you} (?:\\w+ )?do (?:with|together)",
        "bf boyfriend gf girlfriend",
    ),
)

_MEETING = (
    _i(
        _C.MEETING,
        0.75,
        "proposes to meet",
        "(?:lets|let us|we should|we could|can we|could we|want to|do {you} want to|i want to|id "
        "love to|we can|when can we|where can we|should we|hope we can|why dont we|how about we|we "
        "need to) (?:\\w+ )?(?:meet|meetup|hang out|hangout|see each other|link up|get together)",
        "meet meetup hang hangout each link together & lets let we can could want do id when where "
        "should hope why how need",
    ),
    _i(
        _C.MEETING,
        0.85,
        "proposes to meet in person",
        "(?:meet|see|visit|hang out with|hangout with|link) (?:up )?(?:{you} |each other |me "
        ")?(?:irl|in person|in real life|for real|offline|face to face|in the flesh)",
        "irl person real offline face flesh",
    ),
    _i(
        _C.MEETING,
        0.85,
        "offers to come to them",
        "{iwill} (?:\\w+ )?(?:pick {you} up|come (?:and )?(?:get|see|visit|pick up) {you}|come "
        "(?:over )?(?:to|by) {your} (?:house|place|home|school|town|city)|visit {you}|drive (?:to "
        ")?(?:{you}|{your} (?:town|city|area|neighborhood|house|place|school))|come to where {you} "
        "(?:live|are)|meet {you})",
        "pick come visit drive meet",
    ),
    _i(
        _C.MEETING,
        0.8,
        "invites them to their place",
        "(?:come|coming) (?:over )?(?:to|into|in) my (?:house|place|home|car|room|hotel|apartment|"
        "flat|van|work)",
        "come coming",
    ),
    _i(_C.MEETING, 0.6, "invites them over", "{you} (?:should|can|could) come over", "come"),
    _i(
        _C.MEETING,
        0.8,
        "asks where or when to meet",
        "(?:where|when|what time) (?:should|can|could|do|shall) (?:we|i) (?:meet|see {you}|pick "
        "{you} up|come)",
        "where when time & meet see pick come",
    ),
    _i(
        _C.MEETING,
        0.8,
        "plans for them to sneak out or travel",
        "sneak (?:out|away|off)|(?:buy|get|send|book) {you} (?:a )?(?:bus|train|plane|uber|taxi|"
        "cab|flight) (?:ticket|fare|ride)?|(?:uber|taxi|cab|ride) (?:to|for) {you}",
        "sneak bus train plane uber taxi cab flight ticket ride",
    ),
    _i(
        _C.MEETING,
        0.55,
        "says they live nearby",
        "(?:im|i am|i live) (?:\\w+ )?(?:near|close to|nearby|not far from|in {your} (?:area|town|"
        "city)|around the corner from) {you}|(?:we|i) live (?:so |really )?(?:close|near)",
        "near close nearby far area town city around live",
    ),
    _i(
        _C.MEETING,
        0.6,
        "names a place to meet",
        "meet (?:me |up )?(?:at|in|near|behind|outside|by) (?:the )?\\w+|meet (?:me|up) (?:after "
        "school|after class|tonight|tomorrow|later|this weekend|somewhere|alone)",
        "meet",
    ),
    _i(
        _C.MEETING,
        0.7,
        "asks them to come and meet",
        "(?:come|go|sneak out and) meet me|{iwill} (?:\\w+ )?wait for {you} (?:at|outside|by|near|"
        "after)",
        "meet wait",
    ),
    _i(
        _C.MEETING,
        0.75,
        "says they will be in their town",
        "(?:(?:im|i am|ill be|i will be|be) (?:in|near|around|coming to|visiting|going to)|"
        "(?:coming|"
        "visiting|going) (?:to )?) {your} (?:city|town|"
        "area|neighbourhood|neighborhood|state|part of town)",
        "city town area neighbourhood neighborhood state part",
    ),
    _i(
        _C.MEETING,
        0.8,
        "offers something to meet",
        "if {you} (?:\\w+ )?(?:meet|see|visit) me",
        "meet see visit & if",
    ),
)

_AGE_DECEPTION = (
    _i(
        _C.AGE_DECEPTION,
        0.2,
        "claims a child's age",
        "(?:im|i am|i m) (?:only |just |also |too |still |like |turning |almost |a )?{minorage}",
        "{minorage} & im am m",
        adult_score=0.85,
    ),
    _i(
        _C.AGE_DECEPTION,
        0.4,
        "claims to be the same age",
        "(?:im|i am|i m) (?:\\w+ )?{minorage} (?:too|also|as well|like {you}|same as {you})|(?:im|"
        "i am) (?:also|too) {minorage}|(?:im|i am|were|we are|were both) (?:\\w+ )?same age",
        "{minorage} same & im am m were we",
        adult_score=0.9,
    ),
    _i(
        _C.AGE_DECEPTION,
        0.6,
        "dismisses the age gap",
        "age (?:is|s) (?:just|only) (?:a )?number|age (?:doesnt|does not|dont|wont) matter",
        "age",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "admits a fake age or profile",
        "(?:lied|lie|lying) about my age|(?:this|that|my) (?:\\w+ )?(?:profile|account|pics|"
        "picture|photo) (?:is (?:\\w+ )?fake|(?:isnt|is not|not) (?:really |actually )?me)|(?:is "
        "it|its|does it matter|do you care|would you mind) (?:ok |okay |weird |fine |bad )?(?:that|"
        "if) (?:im|i am) (?:\\w+ )?(?:older|an adult|a grown up|grown)",
        "lied lie lying profile account pics picture photo older adult grown matter care mind",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "asks them to pretend about their age",
        "pretend (?:that )?(?:im|i am|to be|{you} are) (?:\\w+ )?(?:{minorage}|a kid|{your} age|a "
        "teen|younger)",
        "pretend",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.65,
        "uses someone else's picture",
        "(?:use|using|used) ~3 (?:cousins?|sisters?|brothers?|friends?|someone elses|a kids?|fake|"
        "random|younger) ~1 (?:pics|photo|picture|photos|pictures|face)",
        "use using used",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "admits a different age",
        "(?:im|i am) not (?:really|actually) (?:{agenum}|a kid|a teen|{your} age|the age on my "
        "\\w+)|(?:im|i am) (?:actually|really) {adultage}",
        "{agenum} {adultage} kid teen age & really actually",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "hides or plays down their real age",
        "older than i (?:said|told {you}|say|look|seem|pretend)|(?:dont|do not|never) (?:tell|say) "
        "~2 (?:im|i am) (?:\\w+ )?(?:older|an adult|a grown up)",
        "older adult grown & than tell say",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "says their profile shows a different age",
        "(?:profile|account|acc|bio) says ~3 (?:but )?(?:im|i am) (?:a bit |a little |a lot |way |"
        "much |actually |really )?(?:older|younger|{agenum})|(?:im|i am) {agenum} (?:irl|in real "
        "life|really|actually) ~4 (?:profile|account|acc|bio|page) (?:says|said)",
        "profile account acc bio page & says said",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "coaches a false age",
        "if (?:anyone|anybody|someone|they) asks? ~2 (?:im|i am) {agenum}",
        "asks ask & {agenum}",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.65,
        "waves away questions about their age",
        "(?:dont worry|never mind|forget) about (?:how old i am|my age)|fake (?:age|birthday|birth "
        "date|dob)|my real age",
        "worry mind forget fake real & age old birthday birth dob",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.65,
        "plays down an adult age gap",
        "(?:im|i am) (?:only|just) (?:a few|a couple|couple|few|a little|a bit|some) (?:of )?"
        "(?:years|yrs|yr) older than (?:{you}|u)",
        "older",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "asks them to ignore adult giveaways",
        "(?:dont|do not|never) mind (?:my|the) (?:car|beard|voice|job|truck|wife|deep voice|kids)|"
        "ignore (?:my|the) (?:voice|beard|car|deep voice)",
        "mind ignore",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.75,
        "entered a fake child age",
        "(?:put|said|say|used|use|entered|typed|chose|picked) (?:in )?(?:a |my )?(?:kid|kids|"
        "younger|child|childs|kiddie) (?:age|birthday|bday|birth year)",
        "age birthday bday birth",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.8,
        "claims a child's age then an adult's",
        "(?:im|i am|i was|i said i was|said i was|pretend i am|pretended to be|said im) {minorage} "
        "~8 (?:im|i am|really|actually|im really|im actually|but) (?:like |really |actually )?"
        "{adultage}",
        "{adultage}",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.7,
        "says an adult age does not count",
        "(?:im|i am) {adultage} but ~6 (?:kid|young|teen|{your} age|same thing|same age|doesnt "
        "matter|does not matter|young at heart)",
        "{adultage} & but",
    ),
    _i(
        _C.AGE_DECEPTION,
        0.75,
        "claims a child's age as a joke",
        "(?:im|i am) (?:totally |definitely |really |so |def |deffo )?{minorage} ?(?:\\( ?not ?\\)|"
        "\\(? ?(?:jk|just kidding|lol jk|not really))",
        "not jk kidding",
    ),
)

_COERCION = (
    _i(
        _C.COERCION,
        0.85,
        "makes love or trust conditional",
        "if {you} (?:really |truly )?(?:loved|liked|trusted|cared about|love|like|trust) me "
        "(?:\\w+ )?(?:{you} (?:would|will|d)|youd)|(?:prove|show me) (?:that )?{you} (?:love|trust|"
        "like|care about) me",
        "cared like liked love loved prove trust trusted & if prove show",
    ),
    _i(
        _C.COERCION,
        0.75,
        "says they owe them",
        "{you} owe me (?:this|it|that|for|big|after|now)|{you} owe me\\W*$|(?:after|since) "
        "(?:everything|all) (?:ive|i have|i) (?:done|did|bought|given|gave|spent)",
        "owe after since",
    ),
    _i(
        _C.COERCION,
        0.75,
        "says everyone does it",
        "(?:everyone|everybody|all (?:the )?(?:other )?(?:girls|boys|kids)|other (?:girls|boys|"
        "kids)|lots of (?:girls|boys|kids)) (?:else )?(?:{your} age )?(?:does|do|did|send|sends|"
        "are doing) (?:it|this|that|them|pics|these)|(?:its|it is|this is) what friends do",
        "everyone everybody girls boys kids friends & does do did send sends doing",
    ),
    _i(
        _C.COERCION,
        0.45,
        "says it is normal",
        "(?:its|it is|this is|thats) (?:totally |completely |perfectly |so )?(?:normal|natural|no "
        "big deal|not a big deal|not weird|not wrong)",
        "normal natural big weird wrong",
    ),
    _i(
        _C.COERCION,
        0.45,
        "dismisses their hesitation",
        "(?:dont|do not|stop) (?:be|being) (?:so )?(?:shy|scared|a baby|a chicken|boring|lame|a "
        "prude|difficult|nervous)|(?:why|y) are {you} (?:being )?(?:so )?(?:shy|scared|nervous|"
        "difficult)|(?:whats|what is) the big deal",
        "shy scared baby chicken boring lame prude difficult nervous deal",
    ),
    _i(
        _C.COERCION,
        0.75,
        "gives an ultimatum",
        "{you} (?:have to|need to|must|better|got to|had better|should) ~4 or (?:else|ill|i will|"
        "im going to|i am going to|we are done|were done|i leave|i block|i stop)",
        "or & have need must better got should",
    ),
    _i(
        _C.COERCION,
        0.75,
        "gives an ultimatum",
        "if {you} (?:dont|do not|wont|will not|refuse to|say no) ~4 (?:ill|i will|im going to|i am "
        "going to|then i|we are done|were done|i wont|i will not)",
        "if & dont not wont refuse no",
    ),
    _i(
        _C.COERCION,
        0.75,
        "gives an ultimatum",
        "(?:do it|do this|do as i say|send it|send them) or else|or (?:were|we are) (?:done|over|"
        "finished|through)",
        "else done over finished through & or",
    ),
    _i(
        _C.COERCION,
        0.75,
        "threatens to withdraw affection",
        "(?:ill|i will|im going to|i am going to) (?:stop talking to|block|unfriend|unadd|leave|"
        "ignore|hate|never talk to) {you} (?:forever )?(?:if|unless)|(?:ill|i will|i would|id) "
        "(?:be (?:so |really |very )?(?:sad|upset|hurt|mad|angry)|cry|hurt myself|kill myself) "
        "(?:if|unless) {you} (?:dont|do not|wont|will not|say no|leave|stop)",
        "stop block unfriend unadd leave ignore hate never sad upset hurt mad angry cry kill",
    ),
    _i(
        _C.COERCION,
        0.75,
        "demands compliance",
        "do (?:what|as|whatever) i (?:say|tell {you}|want)|{you} (?:will|have to|must) (?:do|obey) "
        "(?:what|as|whatever) i (?:say|tell)",
        "say tell obey want",
    ),
    _i(
        _C.COERCION,
        0.45,
        "demands it now",
        "(?:do it|just do it) (?:now|right now|already|immediately)",
        "now already immediately & do",
    ),
    _i(
        _C.COERCION,
        0.45,
        "holds them to a promise",
        "{you} promised(?! (?:we|to|i|you))|{you} said {you} would",
        "promised would",
    ),
    _i(
        _C.COERCION,
        0.65,
        "pushes past their refusal",
        "{you} (?:cant|can not|cannot) say no(?: to me)?|(?:stop|quit) making excuses|no (?:more )?"
        "excuses|come on (?:just|only) (?:once|one time|this once)",
        "no excuses once",
    ),
    _i(
        _C.COERCION,
        0.65,
        "holds them to their word",
        "(?:dont|do not|no|cant|can not) back(?:ing)? out(?! of)|{you} promised me",
        "back backing promised",
    ),
    _i(
        _C.COERCION,
        0.75,
        "holds them to an earlier promise",
        "{you} (?:said|promised|told me) (?:{you} (?:would|d|will|ll|wud)|youd|"
        "youll) do (?:anything|it|"
        "whatever)",
        "said promised told",
    ),
    _i(
        _C.COERCION,
        0.7,
        "says they did it before",
        "{you} (?:already )?(?:did|done|showed|sent) (?:it|that|this|one) (?:once|before|already|"
        "last time) ~4 (?:difference|big deal|so what|why not|whats|again)",
        "difference deal what why whats again",
    ),
    _i(
        _C.COERCION,
        0.8,
        "demands it now under a threat",
        "(?:do it|do what i (?:say|said|ask|asked)|just do it) (?:\\w+ )?or (?:else )?(?:i|ill|i "
        "will|im gonna|im going to) (?:tell|show|send|post|share)",
        "or",
        also=(_C.THREAT,),
    ),
    _i(
        _C.COERCION,
        0.55,
        "reminds them they promised",
        "{you} promised(?: me)?(?: \\w+)?\\W*$",
        "promised",
    ),
    _i(
        _C.COERCION,
        0.75,
        "says the others already did it",
        "(?:the others|everyone else|everybody else|all the other \\w+|other girls|other kids) "
        "(?:all )?(?:(?:did|do|does|already did|have done) (?:it|that|this)|said yes)|"
        "{youare} the only one (?:who|that)? "
        "?(?:says|saying|said) no",
        "others else other only",
    ),
)

_THREAT = (
    _i(
        _C.THREAT,
        0.65,
        "threatens to tell their family or school",
        "{iwill} ~1 (?:{share}) ~3 (?:to |with )?{your} (?:{parents}|{friends}|{adults})|{iwill} "
        "~1 (?:tell|show) ~2 (?:{public}) (?:about {you}|what {you} (?:did|sent|said|showed)|"
        "{your} (?:secrets?|stuff|business|messages|chats))",
        "{parents} {friends} {adults} {public} & {iwill}",
    ),
    _i(
        _C.THREAT,
        0.85,
        "threatens to ruin or expose them",
        "{iwill} ~1 (?:ruin|destroy|expose|dox|doxx|swat|stalk|end|hack) (?:{you}|{your} (?:life|"
        "family|reputation|future|account|accounts))|make {your} life (?:hell|miserable|a living "
        "hell)",
        "ruin destroy expose dox doxx swat stalk end hack life",
    ),
    _i(
        _C.THREAT,
        0.6,
        "threatens to hurt them",
        "{iwill} ~1 (?:hurt|kill|find|hunt down|beat|come for|come after) (?:{you}|{your} "
        "(?:family|{parents}))|{iwill} ~1 show up (?:to|at) {your} (?:house|home|school|door)",
        "beat find hunt hurt kill show & {iwill}",
    ),
    _i(
        _C.THREAT,
        0.85,
        "claims to know where they live",
        "i (?:know|found out|can find|will find|have|found|can see) (?:out )?(?:(?:where|which "
        "school|what school) {you} (?:live|go to school|go to|attend|are)|{your} (?:address|school|"
        "location|house|ip))",
        "where address school location house ip & know found find have see",
    ),
    _i(
        _C.THREAT,
        0.65,
        "says they will regret it",
        "(?:(?:youll|ull|you will|you are going to|youre going to) (?:regret|be sorry|pay for)|"
        "make {you} (?:regret|be sorry|pay for))(?: it| this| that)?(?=\\W*$|\\W*[.!?,]| if | when "
        "| unless | for (?:this|that|it))",
        "regret sorry pay",
    ),
    _i(_C.THREAT, 0.55, "says or else", "or else", "else"),
    _i(
        _C.THREAT,
        0.7,
        "threatens to get them in trouble",
        "{iwill} (?:\\w+ )?(?:get {you} (?:in trouble|arrested|expelled|kicked out)|call the "
        "police on {you}|report {you} to the police)",
        "get call report & {iwill}",
    ),
    _i(
        _C.THREAT,
        0.6,
        "sets a deadline",
        "{you} (?:have|got) (?:\\d+|one|two|five|ten|24) (?:minutes?|mins?|hours?|hrs?|seconds?|"
        "secs?)",
        "minutes minute mins min hours hour hrs seconds second secs sec",
    ),
    _i(
        _C.THREAT,
        0.8,
        "threatens to post their details",
        "{iwill} ~1 (?:post|share|leak|publish|put) {your} (?:address|location|number|phone number|"
        "info|details|school|full name)",
        "address location number info details school name & {iwill}",
    ),
    _i(
        _C.THREAT,
        0.65,
        "warns of consequences",
        "(?:and|or) see what happens|(?:dont|do not) make me (?:angry|mad|do something)|{you} "
        "(?:wont|will not) like (?:it|what happens|what i do)",
        "happens angry mad something like & see make dont wont will",
    ),
    _i(
        _C.THREAT,
        0.7,
        "threatens to tell everyone",
        "{iwill} ~1 (?:tell|show|send|post) ~2 (?:{public}) (?:at|in|from) (?:{your} )?(?:school|"
        "class)|(?:everyone|everybody|all) (?:in|at|from) {your} (?:contacts|school|class|family|"
        "followers|friends) (?:will|is going to|are going to) (?:see|get|know|receive|find out)",
        "school class contacts family followers friends & {iwill} everyone everybody all",
    ),
    _i(
        _C.THREAT,
        0.75,
        "found their family's accounts",
        "(?:found|got|have|know|i see) {your} (?:{parents}|moms|mums|dads|family) ?s? (?:facebook|"
        "insta|instagram|number|email|account|profile|page|address)(?! (?:post|photo|pic|picture|"
        "status|story|comment))",
        "facebook insta instagram number email account profile page address",
    ),
    _i(
        _C.THREAT,
        0.8,
        "threatens what follows a block",
        "if {you} (?:block|report|ignore|unfollow|leave|delete|mute) me ~8 (?:{iwill}|ill) ~4 "
        "(?:tell|send|show|post|find|come|message|dm|text|make)",
        "block report ignore unfollow leave delete mute",
    ),
    _i(
        _C.THREAT,
        0.8,
        "offers to share what they saved",
        "(?:saved|recorded|kept|clipped|screenshotted|have|got) (?:{your}|the|a|"
        "that) (?:{recording}|"
        "live|stream|vid|call) ~4 (?:want me to|should i|shall i) (?:share|send|post|show|leak|"
        "upload|"
        "spread)",
        "want should shall",
        also=(_C.SEXTORTION,),
    ),
    _i(
        _C.THREAT,
        0.85,
        "holds their pictures and warns them",
        "(?:i have|i got|ive got|i kept|i saved) {your} (?:{recording}) ~8 (?:think (?:carefully|"
        "twice|"
        "about it|hard)|careful|be smart|"
        "choose|decide|or else|unless|if you dont|be nice|behave)",
        "have got kept saved",
        also=(_C.SEXTORTION,),
    ),
    _i(
        _C.THREAT,
        0.8,
        "threatens to post it unless they comply",
        "or (?:else )?(?:i|ill|i will|im gonna|im going to|i am going to) (?:post|share|leak|"
        "upload|"
        "spread) (?:it|them|this|that|those|everything)",
        "or",
        also=(_C.SEXTORTION,),
    ),
)

_SEXTORTION = (
    _i(
        _C.SEXTORTION,
        0.9,
        "threatens to share their images",
        "{iwill} ~1 (?:{share}) ~3 (?:{your}|these|those|all (?:the|{your}|these)|our) ~1 "
        "{recording} ~4 (?:{recipients})|{iwill} ~1 (?:{share}) ~3 {recording} ~4 {your} "
        "(?:{recipients})|{iwill} ~1 (?:{share}) ~2 {your} (?:{recipients}) ~3 {recording}",
        "{recording} & {iwill}",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.45,
        "threatens to share a recording",
        "{iwill} ~1 (?:{share}) ~3 {recording} ~4 (?:{recipients})",
        "{recording} & {iwill}",
    ),
    _i(
        _C.SEXTORTION,
        0.85,
        "says others will see their images",
        "{your} (?:{recipients}) (?:will|is going to|are going to|would|is about to) (?:all "
        ")?(?:see|get|receive|have|know) ~3 (?:{recording}|(?:what|everything) {you} (?:did|sent|"
        "showed))|(?:{recipients}) (?:will|is going to|are going to|would|is about to) (?:all "
        ")?(?:see|get|receive|have|know) ~2 (?:{your}|these|those|our) ~1 {recording}|"
        "(?:{recipients}) (?:will|is going to|are going to|would) (?:all )?(?:see|know) what {you} "
        "(?:did|sent|showed)",
        "{recording} sent showed & {recipients}",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.9,
        "demands more images under threat",
        "(?:send|give|show|do) (?:me )?(?:more |another |one more |new |a few more )?(?:\\w+ "
        ")?{recording} (?:or|otherwise|unless|if {you} (?:dont|do not) want)|(?:send|give|show) "
        "(?:me )?more (?:\\w+ )?(?:or|otherwise|unless)|(?:unless|if {you} (?:dont|do not) want) "
        "~6 {recording} ~6 (?:pay|send|give)",
        "{recording} more & or otherwise unless if",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.9,
        "demands payment",
        "(?:pay|send|give|transfer) ~2 (?:\\$ ?\\d+|\\d+ ?(?:\\$|dollars|bucks|usd|pounds|euros)|"
        "{money}) ~5 (?:or|otherwise|unless|before|if {you} (?:dont|do not|want (?!(?:it|them|some|"
        "more)\\b)))|pay (?:me|up) "
        "(?:now )?(?:or|otherwise|unless)|pay (?:me )?(?:\\$ ?)?\\d+ ~5 (?:or|otherwise|unless|"
        "before)",
        "pay send give transfer & or otherwise unless before if",
    ),
    _i(
        _C.SEXTORTION,
        0.9,
        "demands money under threat",
        "(?:\\$ ?\\d+|\\d+ ?(?:\\$|dollars|bucks|usd)|{money}) ~3 or ~3 (?:{share}) ~4 "
        "(?:{recipients})",
        "{share} & or",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.8,
        "says others will find out unless they comply",
        "(?:or|otherwise|unless {you} \\w+|if {you} (?:dont|do not|wont)) ~2 (?:{recipients}) "
        "(?:will |is going to |are going to |gets to )?(?:see|sees|get|gets|find out|finds out|"
        "know|knows|receive|receives)",
        "{recipients} & or otherwise unless if",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.85,
        "offers deletion for compliance",
        "(?:{iwill}|i) (?:only )?(?:delete|remove|erase|not (?:post|share|send|show)|get rid of) "
        "(?:it|them|everything|the \\w+|{your} \\w+|those \\w+|all) (?:\\w+ )?(?:if|when|once|"
        "after|as soon as) {you} (?:pay|send|do)",
        "delete remove erase rid not & pay send do",
    ),
    _i(
        _C.SEXTORTION,
        0.75,
        "claims to hold their images",
        "i (?:have|got|saved|recorded|screenshotted|screen recorded|kept|still have|captured) "
        "(?:all )?(?:of )?(?:{your}|our) ~1 {recording}|i (?:recorded|screenshotted|screen "
        "recorded|saved|captured|clipped) (?:{you}|everything|it all|(?:the|{your}) (?:call|stream|"
        "video chat|live|facetime))|i (?:have|got|saved|kept|still have) (?:all )?(?:the |those |"
        "these )?{recording} (?:(?:of|from) (?:{you}|everything {you}|what {you}|our)|{you} "
        "(?:sent|showed|took))",
        "{recording} recorded screenshotted saved captured clipped & have got saved recorded "
        "screenshotted screen kept still captured clipped",
    ),
    _i(
        _C.SEXTORTION,
        0.85,
        "threatens to expose images unless they comply",
        "or (?:{your}|the|these|those) ~1 {recording} (?:go|goes|get|gets|will go|will get|are "
        "going) ~2 (?:to|online|public|everywhere|viral|posted)|(?:want|do {you} want) {your} "
        "(?:{recipients}) to (?:see|get|know) ~2 {recording}|{your} (?:{recipients}|school group "
        "chat|group chat) (?:would|will|gonna) (?:love|like|enjoy|want) (?:these|those|{your}|the) "
        "~1 {recording}",
        "{recording}",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.9,
        "threatens to share what they sent",
        "{iwill} ~1 (?:{share}) ~2 (?:{recipients}) ~2 (?:{your}|the|those|these) ~1 {recording} "
        "(?:{you} (?:sent|showed|took)|of {you})|(?:one more|another|more) ~1 {recording} or",
        "{recording}",
        also=(_C.THREAT,),
    ),
    _i(
        _C.SEXTORTION,
        0.85,
        "offers deletion for payment",
        "(?:pay|send|give) ~5 (?:and|then) (?:ill|i will) (?:delete|remove|erase) (?:it|them|"
        "everything|the \\w+)",
        "delete remove erase",
    ),
    _i(
        _C.SEXTORTION,
        0.6,
        "says they saved a recording",
        "i (?:saved|recorded|screenshotted|screen recorded|captured|kept|clipped) (?:the |that |"
        "those |these |{your} )?{recording} ~3 (?:{you} know what (?:that|this) means)",
        "{recording} & saved recorded screenshotted screen captured kept clipped",
    ),
    _i(
        _C.SEXTORTION,
        0.8,
        "says they kept a copy, to press",
        "(?:kept|saved|made|have|got) (?:a |the )?(?:copy|copies|backup|screenshot|screenshots|"
        "recording) ~3 (?:so )?(?:be nice|behave|dont|do what|remember|careful|or)",
        "copy copies backup screenshot screenshots recording",
    ),
    _i(
        _C.SEXTORTION,
        0.8,
        "says family will enjoy a recording",
        "(?:{your} {parents}|(?:{parents}|moms|mums|dads|family) ~8 (?:she|he|they|shes|hes|theyre|"
        "shell|theyll)) (?:is |s |are |re |will |would )?(?:gonna|going to|will|"
        "would)? ?(?:love|like|enjoy|want to see|be interested in) (?:this|that|these|the|{your}) "
        "(?:{recording}|clip|vid)(?! of (?:the|my|our|his|her))",
        "love like enjoy want interested",
        also=(_C.THREAT,),
    ),
)

_CHILD_DISTRESS = (
    _i(
        _C.CHILD_DISTRESS,
        0.7,
        "says they are scared",
        "(?:im|i am|i m|i feel|feeling|i felt|i got|getting|i was|makes me|making me) (?:feel "
        ")?(?:\\w+ and )?(?:so |really |very |super |kinda |a bit |a little |too |literally "
        ")?(?:{fear})",
        "{fear}",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.45,
        "says they are worried",
        "(?:im|i am|i feel) (?:so |really |very |super )?(?:nervous|anxious|worried|freaking out|"
        "freaked out)",
        "nervous anxious worried freaking freaked",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.65,
        "asks to be left alone",
        "leave me alone|stop (?:messaging|texting|talking to|asking|contacting|following|calling) "
        "me|(?:please (?:just )?stop(?: it| this| that| now)?|stop(?: it| this| that)? "
        "please)\\W*$|i said no|(?:no|stop)\\W+i dont want to",
        "leave stop said want & alone me please no dont",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.75,
        "says they don't want to do it",
        "i (?:dont|do not|really dont) want to (?:do (?:this|that|it)|send|show|take|anymore|talk "
        "to {you}|be here)",
        "want",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.9,
        "talks about self-harm or suicide",
        "(?:i want to|i just want to|i really want to|i wanna|im going to|i should|i might|i will|"
        "ill|thinking about|thinking of|think about) (?:just )?(?:die|kill myself|end it all|end "
        "my life|hurt myself|cut myself|disappear forever|disappear(?=\\W*$| for good| from "
        "(?:everyone|everything|this world|the world))|not be here|not exist)|(?:kill|hurt|cut|"
        "harm|harming|cutting|hurting) myself|suicide|suicidal|self harm|i dont want to (?:live|be "
        "alive|be here anymore|exist)|(?:better off) (?:dead|without me)",
        "die kill end hurt cut disappear here exist harm harming cutting hurting suicide suicidal "
        "self live alive dead without",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.85,
        "says someone is threatening them",
        "(?:hes|shes|theyre|he is|she is|they are|someone is|somebody is|this (?:guy|man|person|"
        "girl|woman) is|he keeps|she keeps|they keep|people are) (?:\\w+ )?(?:threatening|"
        "blackmailing|scaring|harassing|stalking|pressuring|forcing) me|(?:im|i am|i was|i got|"
        "been|im being|i am being) (?:being )?(?:blackmailed|extorted|sextorted|harassed|groomed|"
        "stalked)|(?:hes|shes|theyre|he is|she is|they are|someone is|he|she|they) (?:\\w+ "
        ")?(?:threatening|threatened|going|says he will|said he would|said she would|says she will|"
        "says hell|says shell|says theyll|says theyre going|wants) (?:to )?(?:post|send|share|leak|"
        "show|upload) (?:it|them|my \\w+|the \\w+|our \\w+)",
        "threatening blackmailing scaring harassing stalking pressuring forcing blackmailed "
        "extorted sextorted harassed groomed stalked post send share leak show upload",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.85,
        "begs them not to share",
        "(?:please|i beg {you}|im begging|begging {you}) ~2 (?:dont|do not|not) (?:send|post|share|"
        "show|leak|tell) (?:it|them|that|those|these|anyone|anybody|my \\w+|the (?:pics|pictures|"
        "photos|video|videos|recording|screenshots))|(?:dont|do not) (?:send|post|share|show|leak) "
        "(?:it|them|that|those|these|the \\w+|my \\w+) (?:to|with) (?:my|anyone|everyone)",
        "send post share show leak tell & dont not",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.55,
        "says they are crying or shaking",
        "(?:im|i am|i m|i keep|i cant stop|been|i was) (?:literally |so |just |still )?(?:crying|"
        "shaking|trembling|sobbing)",
        "crying shaking trembling sobbing",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.7,
        "expresses hopelessness or shame",
        "i hate myself|(?:nobody|no one|noone) (?:cares about|would miss|loves) me|i have no one|i "
        "feel (?:so )?(?:alone|worthless|hopeless|empty|trapped|disgusting|dirty|ashamed)|im so "
        "(?:alone|ashamed)",
        "myself cares miss loves one alone worthless hopeless empty trapped disgusting "
        "dirty ashamed",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.6,
        "says they cannot pay or will do anything",
        "i (?:cant|cannot|can not) pay|ill do anything (?:{you} want )?(?:just |but )?(?:please|"
        "dont)|i dont have (?:that much |enough |any )?money",
        "pay anything money",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.5,
        "asks for help",
        "help me\\W*$|i need help\\W*$|(?:someone|somebody) (?:please )?help(?: me)?(?: "
        "please)?\\W*$",
        "help",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.7,
        "says they don't feel safe",
        "(?:i )?(?:dont|do not|no longer) feel safe|i (?:dont|do not) know what to do(?=\\W*(?:$|"
        "[.!?,]|anymore))|i (?:cant|can not|cannot) tell (?:my )?(?:{parents}|anyone|anybody)",
        "safe know tell",
    ),
)

INDICATORS: tuple[Indicator, ...] = (
    *_AGE_PROBE,
    *_ISOLATION_PROBE,
    *_PERSONAL_INFO,
    *_FLATTERY,
    *_SECRECY,
    *_ISOLATION,
    *_OFF_PLATFORM,
    *_GIFT_OFFER,
    *_LIKES_FOR_ACTS,
    *_UNDRESS_REQUEST,
    *_CAMERA_DIRECTION,
    *_IMAGE_REQUEST,
    *_SEXUAL_TALK,
    *_MEETING,
    *_AGE_DECEPTION,
    *_COERCION,
    *_THREAT,
    *_SEXTORTION,
    *_CHILD_DISTRESS,
)

_FAMILY_CAPPED = (
    _C.AGE_PROBE,
    _C.ISOLATION_PROBE,
    _C.PERSONAL_INFO,
    _C.FLATTERY,
    _C.SECRECY,
    _C.GIFT_OFFER,
)
"""Rapport-stage questions that a message signed by a relative or teacher ("Nan here",
"- Auntie Pam", "Teacher:") does not show. Anyone can sign as a relative, so every request
(images, meeting, another app, undressing, camera moves), every threat and the child's
distress keep their full weight."""

NEGATIVES: tuple[Indicator, ...] = (
    _i(
        _C.AGE_PROBE,
        0.3,
        "age of a group, not of them",
        "{your} age (?:group|range|limit|rating|category|bracket)|(?:kids|people|girls|boys) "
        "{your} age|age (?:rating|limit|restriction|requirement)s?",
        "age",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.2,
        "the film Home Alone",
        "home alone (?:movie|film|2|christmas)|(?:watch|watching|watched|seen) home alone",
        "alone",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.3,
        "alone in a game",
        "(?:in|on|at) (?:the |this |that |a |our |your )?{play}|(?:playing|play|queue|queuing|"
        "solo) ~2 alone|alone or with",
        "in on at playing play queue queuing solo or",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.3,
        "a place in a game",
        "(?:in|on|at|near|by) (?:the |this |that )?{play}|{your} (?:favorite|favourite|lucky|"
        "jersey|player|team) number",
        "in on at near by number",
    ),
    _i(
        _C.PERSONAL_INFO,
        0.3,
        "knows, not asks, where they live",
        "(?:know|knows|found out|find out|will find|can see|saw) (?:where|which school|what "
        "school) {you}",
        "know knows found find see saw",
    ),
    _i(
        _C.FLATTERY,
        0.3,
        "praise of a thing, not of them",
        "{looks} (?:\\w+ )?(?:dog|cat|puppy|kitten|pet|drawing|art|artwork|avatar|character|build|"
        "house|base|edit|video)",
        "{looks}",
    ),
    _i(
        _C.SECRECY,
        0.3,
        "a surprise or a game secret",
        "surprise|birthday|christmas|xmas|anniversary|mothers day|fathers day|spoilers?|secret "
        "santa|secret (?:level|levels|ending|code|codes|room|base|weapon|boss|area|passage|recipe|"
        "ingredient|handshake|menu|item|spot)|passwords?|passcodes?|pin|the ending|the answers?|"
        "(?:making|make|got|getting|buying|bought|planning|plan) (?:\\w+ ){0,2}(?:a |an |the "
        ")?(?:card|cake|present|gift|surprise|party)",
        "surprise birthday christmas xmas anniversary mothers fathers spoiler spoilers secret "
        "password passcode pin ending answer answers card cake present gift party",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.3,
        "offers or threatens to send, not asks",
        "(?<!first\\sthen\\s)(?<!first\\sand\\s)(?:ill|i will|im going to|i am going to|imma|"
        "let me|"
        "i can) ~1 (?:send|post|share|show|leak|give|upload)(?! (?:\\w+ ){0,3}(?:for|4) (?:a |one |"
        "1 "
        "|some |just one )?{img})",
        "ill will going imma let can",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.35,
        "a camera for class or a meeting",
        "for (?:the |our |my )?(?:\\w+ )?(?:class|lesson|meeting|call|project|presentation|school|"
        "teacher)|"
        "so (?:we|i) can (?:play|do|study|practice|work)|charades|(?:everyone|everybody|all of you|"
        "yall|class|guys) (?:please )?(?:turn|switch|put)",
        "for so charades everyone everybody all yall class guys",
    ),
    _i(
        _C.SECRECY,
        0.35,
        "promises to keep a secret, not asks",
        "(?:ill|i will|i can|i promise to|i promise ill|i promise i will|i wont tell) ~2 keep",
        "keep & ill will can promise wont",
    ),
    _i(
        _C.SECRECY,
        0.3,
        "confiding their own news",
        "(?:dont|do not) tell (?:anyone|anybody|nobody) but i|i (?:cant|can not|cannot|dont|wont|"
        "will not|didnt|did not) (?:\\w+ )?(?:tell|show) (?:my|anyone|anybody)|(?:mods?|"
        "moderators?) ~2 (?:clear|delete|remove)",
        "but i mod mods moderator moderators",
    ),
    _i(
        _C.OFF_PLATFORM,
        0.45,
        "a gaming group",
        "clan|guild|tournament|squad|raid|team",
        "clan guild tournament squad raid team",
    ),
    _i(
        _C.GIFT_OFFER,
        0.3,
        "thanks for a gift",
        "(?:thanks|thank {you}|thx|ty|tysm) (?:so much )?(?:for|4) (?:the )?(?:\\w+ )?{gifts}",
        "thanks thank thx ty tysm",
    ),
    _i(
        _C.LIKES_FOR_ACTS,
        0.2,
        "a follow-for-follow trade",
        "follow back|follow for follow|f4f|like for like|l4l|sub4sub|sub for sub",
        "follow f4f like l4l sub4sub sub",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.3,
        "laundry or a game avatar",
        "laundry|dryer|washing machine|washer|hanger|avatar|character|doll|(?:in|in the) game|"
        "(?:off|of) (?:the |a |that )?(?:jar|lid|bottle|cake|box|pan|pot|container|shelf|table|"
        "pile|stack|car)|layer",
        "laundry dryer washing washer hanger avatar character doll game off of layer",
    ),
    _i(
        _C.CAMERA_DIRECTION,
        0.25,
        "pointing at an object or a game",
        "(?:at|to|on|towards|see|show|showing) (?:{det} |my |a )?(?:\\w+ )?(?:hamster|bunny|rabbit|"
        "puppy|kitten|bird|turtle|lizard|snake|parrot|guinea pig|drawing|art|artwork|painting|"
        "homework|screen|game|keyboard|board|pet|dog|cat|fish|build|lego|project|book|sketch|paper|"
        "desk|setup|plant|garden|toy|toys|figure|figures|cards|collection|controller|monitor|"
        "canvas|"
        "easel|sketchbook|poster|cage|tank|aquarium|hutch|shelf|shelves|bookshelf|wheel)|"
        "(?:room |desk )?(?:setup|decor|ideas|tour)|zombies?|monsters?|mobs?|creepers?|imposter|"
        "impostor|{play}|(?:at|to|on|towards|see|show) (?:his|her|its|their|him)",
        "at to on towards see show showing setup decor ideas tour zombie zombies monster monsters "
        "mob mobs creeper creepers imposter impostor {play}",
    ),
    _i(
        _C.IMAGE_REQUEST,
        0.35,
        "a picture of a thing, not of them",
        "of (?:{det} |my |a |the |his |her )?(?:\\w+ )?(?:cat|cats|dog|dogs|pet|pets|puppy|kitten|"
        "hamster|bunny|fish|bird|horse|drawing|drawings|art|artwork|painting|sketch|homework|"
        "worksheet|notes|answers|assignment|build|setup|lego|cake|food|lunch|dinner|score|screen|"
        "game|map|base|garden|car|bike|view|sunset|sky|trip|haul|nails|haircut|project|ticket|"
        "receipt|page|book|card|cards|collection|plant|plants|toy|toys|figure|figures|glitch|bug|"
        "level|boss|snow|beach|concert|team|trophy|medal|costume for|outfit for|poster|essay|model|"
        "diorama|craft|crafts|collage|experiment|certificate|report|canvas|sketchbook)|{img} or it "
        "(?:didnt|did not|never) happen|of (?:him|her|it|them)|to (?:our|the|my) (?:class|group|"
        "team|family) (?:chat|gc|email|page|folder|drive|portal)|(?:pics|picture|pictures|photo|"
        "photos|video|videos|screenshot) "
        "of (?:the|that|this|these|those)",
        "of or to",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.3,
        "a non-sexual use of the word",
        "age sex location|sex (?:ed|education|class)|(?:health|biology|bio) class|same sex|"
        "opposite sex|sex of (?:the|{your}|my|a|their)|hot (?:outside|today|in here|weather|day|"
        "chocolate|dog|sauce|take|wings|chips|pocket|spot|tub|mess|topic|key|bar|pot)|(?:its|it is|"
        "so|too) hot (?:here|today|outside)|(?:1st|2nd|3rd|4th|5th|6th|first|second|third|fourth|"
        "fifth|sixth|last|class) period",
        "sex health biology bio same opposite hot period",
    ),
    _i(
        _C.SEXUAL_TALK,
        0.3,
        "asking about an outfit for an event",
        "wearing (?:to|for|tomorrow|today|tonight|on)",
        "wearing",
    ),
    _i(
        _C.MEETING,
        0.3,
        "a group, school or in-game meeting",
        "group project|project|homework|study|studying|class|practice|field|pitch|court|rink|"
        "cleats|rehearsal|team|club|tournament|recess|lunch break|at school|in class|with "
        "(?:{parents}|everyone|the group|the class|our class)|(?:in|on|at) (?:the )?(?:{play}|vc|"
        "call|discord)|(?:my|your) (?:{parents}) (?:said|says) (?:yes|ok|okay|its ok|its fine|"
        "{you} can)|ask {your} (?:{parents})",
        "group project homework study studying class practice rehearsal team club tournament with "
        "in on recess lunch at said says ask field pitch court rink cleats",
    ),
    _i(
        _C.THREAT,
        0.35,
        "game banter",
        "(?:in|next|this|that) (?:the )?{play}|noob|gg|respawn|ez|hide|hiding|seek|ready or not|"
        "party|lol|lmao|haha|jk",
        "in next this that noob gg respawn ez hide hiding seek ready party lol lmao haha jk",
    ),
    _i(
        _C.THREAT,
        0.3,
        "neighbours, not a threat",
        "neighbou?rs?|next door|(?:live|lives) (?:next to|near|close to|by) (?:{you}|each other|"
        "me)",
        "neighbor neighbors neighbour neighbours next live lives",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.3,
        "laughter or a scary story",
        "(?:crying|dying|dead|screaming|shaking) (?:lol|lmao|haha|lmfao)|(?:lol|lmao|haha|lmfao|"
        "hahaha|hilarious|funny|laughing|joke|jk|meme|memes|too good|so good|best day|so happy|"
        "happy tears|so excited)|(?:{fear}|nervous|worried|anxious) (?:of|about|for) (?:the |my |"
        "this |that |a )?(?:test|exam|quiz|game|movie|horror|spiders?|dogs?|clowns?|dark|heights|"
        "ghosts?|boss|level|presentation|recital|match|tryouts|needles?|shots?|dentist|results)",
        "crying dying dead screaming shaking lol lmao haha lmfao hahaha hilarious funny laughing "
        "joke jk meme memes good {fear} nervous worried anxious best happy excited",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.3,
        "busy, not distressed",
        "(?:im|i am) (?:\\w+ )?(?:playing|busy|gaming|watching|eating|doing|trying to)",
        "im am",
    ),
    _i(
        _C.COERCION,
        0.45,
        "playful pressure",
        "lol|lmao|haha|jk|hehe|party",
        "lol lmao haha jk hehe party",
    ),
    _i(
        _C.GIFT_OFFER,
        0.4,
        "sharing spare game items",
        "(?:my|some of my) (?:extra|spare|old|leftover)|in (?:the )?game",
        "extra spare old leftover game",
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.3,
        "a greeting for the parents",
        "says? hi|said hi|say hello|tell (?:him|her|them) (?:i said|hi|hello)|party|a ride|pick us "
        "up|drop off|package|delivery",
        "hi hello party ride pick drop package delivery",
    ),
    _i(
        _C.UNDRESS_REQUEST,
        0.3,
        "getting ready for bed",
        "movie night|bedtime|bed time|sleepover|its late|time for bed|go to bed|brush {your} teeth",
        "movie bedtime bed sleepover late teeth",
    ),
    _i(
        _C.THREAT,
        0.3,
        "good news, not a threat",
        "(?:were|was|did|played|sang|drew) (?:so |really )?(?:great|good|amazing|awesome|well)|"
        "proud|(?:say|says|said) hi",
        "great good amazing awesome well proud hi",
    ),
    *(
        _i(
            category,
            0.3,
            "signed by a relative or teacher",
            "^\\W*(?:its |it s |this is )?(?:{your} |\\w+ ?s )?{kin}(?: \\w+)?(?: here)?\\W*[:!,]|"
            "(?:its|it s|this is) (?:{your} |\\w+ ?s )?{kin}(?: \\w+)?\\W*(?:[,.!]|$)|(?:love|"
            "love from|lots of love|xx|xoxo|hugs) (?:{your} )?{kin}(?: \\w+)?\\W*$|"
            "[-~] ?{kin}(?: \\w+)?\\W*$",
            "{kin}",
        )
        for category in _FAMILY_CAPPED
    ),
    _i(
        _C.ISOLATION_PROBE,
        0.3,
        "passes a message on to the family",
        "(?<!dont\\s)(?<!not\\s)(?<!never\\s)tell (?:her|him|them|(?:{your} )?{parents}) (?:that|i|"
        "ill|"
        "im|the|to|we|were|about the|hi|hello)|(?:pick|picking|drop|dropping) (?:\\w+ )?(?:up|"
        "off) (?:the |a |some )?(?:cake|food|pizza|groceries|shopping|package|parcel|keys)",
        "tell pick picking drop dropping",
    ),
    _i(
        _C.THREAT,
        0.3,
        "checks with the parents, not threatens to tell them",
        "(?:ill|i will|let me|im going to|i am going to|gonna) (?:text|call|ring|ask|message|check "
        "with|phone) (?:{your} )?{parents} (?:first|to check|to ask|so (?:she|he|they) knows?|"
        "about (?:the |pick ?up|the plan|times?|saturday|sunday|the weekend))",
        "ill will let going gonna",
    ),
    _i(
        _C.CHILD_DISTRESS,
        0.3,
        "moved by a film or book",
        "(?:crying|cried|cry|sobbing|sad|tears) ~6 (?:movie|film|book|show|episode|ending|song|"
        "series|chapter)",
        "crying cried cry sobbing sad tears",
    ),
    _i(
        _C.GIFT_OFFER,
        0.4,
        "a birthday or holiday present",
        "(?:for|on) {your} (?:birthday|bday|christmas|xmas|graduation|name day)|(?:birthday|bday|"
        "christmas|xmas) (?:gift|present|card)",
        "birthday bday christmas xmas graduation",
    ),
    _i(
        _C.SEXTORTION,
        0.3,
        "recorded for the family",
        "(?:recorded|saved|taped|clipped) ~4 (?:for|so) (?:{your} )?(?:{kin}|{parents})",
        "recorded saved taped clipped",
    ),
    *(
        _i(
            category,
            0.3,
            "safety advice about personal details",
            "(?:never|dont|do not|not to|shouldnt|should not|careful not to) (?:ever )?(?:share|"
            "give "
            "out|give|post|tell|put|say) ~3 (?:{your} )?(?:address|school|number|phone number|"
            "password|location|full name|personal info|details|real name)",
            "share give post tell put say",
        )
        for category in (_C.PERSONAL_INFO, _C.THREAT)
    ),
    _i(
        _C.SECRECY,
        0.3,
        "keeping a present secret",
        "what (?:im|i am|were|we are|i|we|{parents}|she|he|they) (?:is |are |s )?(?:getting|buying|"
        "making|got|bought|made|giving|planning|get|buy|make) (?:for )?(?:him|her|them|{parents}|"
        "{friends}|{you})",
        "getting buying making got bought made giving planning get buy make",
    ),
    _i(
        _C.AGE_PROBE,
        0.45,
        "a birthday or a relative's question",
        "happy (?:birthday|bday)|birthday (?:stream|party|girl|boy)|turning|how old are {you} now|"
        "getting so big|where did the time go",
        "birthday bday turning now big time",
    ),
)
"""Benign look-alikes: where one matches, its category is capped at the score given."""

FOLLOW_UPS: tuple[Indicator, ...] = (
    _i(
        _C.COERCION,
        0.65,
        "presses for what was asked",
        "do it|show me|just (?:once|one|one time|one more|a quick one|a little|for a second|for a "
        "sec)|only once|one time|come on|(?:im|i am|been|still) waiting|hurry(?: up)?|why not|"
        "{you} promised|prove it|what are {you} waiting for|(?:send|show) (?:it|them)|its (?:just|"
        "only) me|no one will see|nobody will see|please|pretty please|now|again|quick|quickly|i "
        "want to see",
        "do show just only one come im am been still waiting hurry why promised prove what send "
        "its no nobody please pretty now again quick quickly want",
    ),
)
"""Vague pressure ("do it now", "just once"): nothing alone, but from the sender of an earlier
request it renews that request (at this score) and counts as pressure."""

FOLLOW_UP_CATEGORIES = frozenset(
    {
        _C.UNDRESS_REQUEST,
        _C.CAMERA_DIRECTION,
        _C.IMAGE_REQUEST,
        _C.LIKES_FOR_ACTS,
        _C.OFF_PLATFORM,
        _C.MEETING,
        _C.SEXUAL_TALK,
    }
)
"""Requests that a vague follow-up from the same sender renews."""
FOLLOW_UP_MAX_WORDS = 8
"""A follow-up is short; a long message stands on its own words."""
HISTORY_WINDOW = 20
"""How many earlier messages of the conversation a follow-up may refer back to."""
FRAME_CARRIED = frozenset({_C.SECRECY})
"""Categories whose benign frame (a surprise, a present) carries over to the same sender's
next messages: "keep it secret!!" after "it's for her surprise party"."""
FRAME_WINDOW = 8
"""How many earlier messages of the conversation such a frame reaches."""

ESCALATIONS: tuple[tuple[frozenset[Category], frozenset[Category], Category, float], ...] = (
    (
        frozenset({_C.THREAT}),
        frozenset(
            {
                _C.IMAGE_REQUEST,
                _C.UNDRESS_REQUEST,
                _C.CAMERA_DIRECTION,
                _C.SEXUAL_TALK,
                _C.SEXTORTION,
            }
        ),
        _C.SEXTORTION,
        0.85,
    ),
)
"""(found now, found earlier from the same sender, implied category, score): a threat after
image requests is sextortion even when the threat itself is vague ("I'll send it to your mom").
Pressure without a threat ("come on, do it") stays coercion: it is not leverage."""

MINOR_SENDER_FACTOR: dict[Category, float] = {
    _C.AGE_PROBE: 0.5,
    _C.ISOLATION_PROBE: 0.6,
    _C.PERSONAL_INFO: 0.6,
    _C.FLATTERY: 0.6,
    _C.MEETING: 0.6,
    _C.OFF_PLATFORM: 0.6,
    _C.GIFT_OFFER: 0.7,
    _C.AGE_DECEPTION: 0.0,
}
"""Children ask each other's age, school and snapchat all the time: from a known minor these
are weak. Requests for images, undressing and threats keep their score (peer sextortion)."""
ADULT_SENDER_FACTOR: dict[Category, float] = {_C.CHILD_DISTRESS: 0.6}
"""Distress words are about the child; from a known adult they matter less."""
ADULT_TO_MINOR_BOOST = 0.1
"""Added when a known adult writes to a known minor: the same words carry more risk."""
REPORT_FLOOR = 0.2
"""Weaker findings are not reported at all."""


def _vocabulary() -> frozenset[str]:
    words = {w for entries in WORDS.values() for entry in entries for w in entry.split()}
    for indicator in (*INDICATORS, *NEGATIVES, *FOLLOW_UPS):
        words.update(*indicator.keys)
        words.update(re.findall(r"(?<![\\a-z])[a-z]{2,}", indicator.regex.pattern))
    return frozenset(words)


VOCABULARY = _vocabulary()
"""Every word the patterns are written in, for the normalizer's choice between readings."""

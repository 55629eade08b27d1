"""The English lexicon on messages written for these tests (none comes from an evaluation set).

They cover US and UK spelling, social-media shorthand (@handles, hashtags, "u", "pls", "wtf"),
missing apostrophes ("cant", "dont"), typos, and several sectors: airlines, telecom, banking,
retail, delivery, apps and software.
"""

from __future__ import annotations

import pytest

import replykit

PRIMARY: list[tuple[str, str]] = [
    # abusive: insults, fraud epithets, curses aimed at the company or its staff
    ("@Comcast you bunch of thieves, give me my money back", "abusive"),
    ("you guys are absolute morons, learn to read an address", "abusive"),
    ("Screw you @Ryanair and your hidden fees, scammers", "abusive"),
    ("f*** you @Sprint", "abusive"),
    ("your call centre staff are useless wankers", "abusive"),
    ("@mybank you stole my money you crooks, the app is down again", "abusive"),
    ("go to hell, worst airline on earth", "abusive"),
    # service_outage: down, broken, unreachable, failed login or payment
    ("@Netflix is it down? keeps saying error code NW-2-5", "service_outage"),
    ("the app keeps crashing every time I open it", "service_outage"),
    ("Cant log in to online banking since this morning", "service_outage"),
    ("no signal in Leeds for 2 days now @EE what is going on", "service_outage"),
    ("website's down again, can't checkout", "service_outage"),
    ("payment failed three times at checkout, my card is fine", "service_outage"),
    ("our broadband has been down since 6am, nobody answers the phone", "service_outage"),
    ("app wont load past the splash screen on my pixel", "service_outage"),
    ("internet out in my whole street, any ETA?", "service_outage"),
    ("please fix the bug where the app logs me out", "service_outage"),
    # neglected: no answer, long holds, unreachable humans, rude staff
    ("been on hold for 45 minutes and nobody picks up", "neglected"),
    ("emailed you 3 times last week, still no reply", "neglected"),
    ("the guy at the counter was so rude to my mum", "neglected"),
    ("I've sent several DMs and you keep ignoring me", "neglected"),
    ("why does noone answer the phone at your Leeds branch", "neglected"),
    ("agent hung up on me twice", "neglected"),
    ("can't get through to anyone at customer services", "neglected"),
    ("opened a ticket two weeks ago and havent heard back", "neglected"),
    ("The hold music is lovely but I've been waiting 40 minutes", "neglected"),
    # discount_seeker: prices, fees, coupons, price matching
    ("any promo codes for first time customers?", "discount_seeker"),
    ("will you price match Best Buy on this TV?", "discount_seeker"),
    ("£80 a month for broadband is way too expensive, can you do better?", "discount_seeker"),
    ("why are your fares so much higher than easyjet", "discount_seeker"),
    ("do you offer a student discount", "discount_seeker"),
    ("the baggage fees are a rip off", "discount_seeker"),
    ("Why has my bill gone up by £10 this month?", "discount_seeker"),
    ("my coupon code isn't working at checkout", "discount_seeker"),
    # unavailable_request: suggestions and features not offered
    ("please add dark mode to the app", "unavailable_request"),
    ("would be great if you could pay with Apple Pay in store", "unavailable_request"),
    ("bring back the old layout pls", "unavailable_request"),
    ("why don't you have a vegan option on the menu", "unavailable_request"),
    ("any plans to support Linux?", "unavailable_request"),
    ("feature request: let us export statements as CSV", "unavailable_request"),
    ("I wish you guys delivered to my postcode", "unavailable_request"),
    ("why isn't there a dark theme yet", "unavailable_request"),
    # angry: venting with no more specific situation
    ("this is absolutely ridiculous, worst airline ever #fail", "angry"),
    ("so fed up with your service, I'm switching providers", "angry"),
    ("my order arrived smashed, every single time, unbelievable", "angry"),
    ("thanks for nothing @Argos", "angry"),
    ("WTF is this update, I hate it", "angry"),
    ("Disgusted with the way I was charged for a cancelled flight", "angry"),
    ("never flying with you again", "angry"),
    ("delivery was late again, third time this month", "angry"),
    ("I'm a loyal customer of 10 years and this is how you treat me", "angry"),
    ("Great, another delay. Just great.", "angry"),
    ("your service is rediculous", "angry"),
    # confused: how-to questions and not understanding
    ("how do I change the email on my account?", "confused"),
    ("what does 'pending authorisation' mean on my statement?", "confused"),
    ("I dont understand my bill, why are there two charges?", "confused"),
    ("where can I find my boarding pass in the app", "confused"),
    ("is it possible to move my booking to next week?", "confused"),
    ("not sure how to redeem the gift card, help", "confused"),
    ("I can't find the cancel button anywhere", "confused"),
    ("what's the difference between the basic and premium plan?", "confused"),
    # general: a complaint or request with none of the above
    ("my parcel still hasn't arrived, tracking says delivered", "general"),
    ("the train was 20 minutes late this morning", "general"),
    ("I was charged twice for the same order, please refund", "general"),
    ("my package arrived broken, can I get a replacement", "general"),
    ("can you send me a copy of my invoice please", "general"),
    ("it's down to you to sort out the delivery", "general"),
    ("I had a scam call pretending to be from your bank", "general"),
    ("the app is slow today", "general"),
    ("my internet is not down anymore, thanks", "general"),
    ("Please cancel my subscription", "general"),
    ("I returned the item two weeks ago and still no refund", "general"),
    ("the bathroom floor was dirty and the food was cold", "general"),
    # Indian, Nigerian, Australian and non-native English; utilities, hospitals, schools, government services
    ("Airtel una be thieves, every week dem dey deduct my airtime", "abusive"),
    ("your branch manager is a liar and a cheat", "abusive"),
    ("no light in our street since yesterday evening, when will power be restored?", "service_outage"),
    ("Water supply has been cut off in Block C since 6am", "service_outage"),
    ("I am not able to login to net banking since morning", "service_outage"),
    ("I cannot enter to my account, always it say error", "service_outage"),
    ("Kindly revert, I have written thrice regarding my claim and no response till date", "neglected"),
    ("abeg una no dey pick call at all", "neglected"),
    ("the nurse didn't even acknowledge us and kept chatting on her phone", "neglected"),
    ("Sir please reduce the data price, 2GB for 1000 naira is too much", "discount_seeker"),
    ("the hotel added a resort fee at checkout that nobody mentioned", "discount_seeker"),
    ("Why the app not have option for Arabic language?", "unavailable_request"),
    ("It'd be so much easier if you let us pay the water bill by UPI", "unavailable_request"),
    ("mate the new update stuffed everything up, absolutely gutted", "angry"),
    ("Oh brilliant, my flight is delayed again. Love how you never warn anyone.", "angry"),
    ("is this text about my parcel from you or a scam?", "confused"),
    ("How I can download my tax certificate? I not find the option", "confused"),
    ("Do I need to bring the printed letter to the appointment or is the SMS enough?", "confused"),
    ("Please update my address, I have shifted to Hyderabad", "general"),
    ("when will you add offline downloads to the Mac app?", "unavailable_request"),
    ("If I don't use my card for a month, is there a fee?", "confused"),
    # collectives and vocatives of fraud words, vulgar names, threats of harm
    ("you lying snakes at the rental desk invented a scratch on the bumper", "abusive"),
    ("honestly this council is run by clowns, three letters and not one answer", "abusive"),
    ("sort out my deposit or I'll break your manager's windows, you will pay for this", "abusive"),
    # lines cut since a day, cards refused everywhere
    ("Our landline has been disconnected since Friday and the modem shows a red LOS light", "service_outage"),
    ("my debit card keeps getting declined at every shop although there is money in it", "service_outage"),
    # silence counted in words, runaround between departments
    ("Three letters to your billing team and not a word back", "neglected"),
    ("Submitted the form in June and have not had any acknowledgement since", "neglected"),
    # prices by segment and volume; not worth the hassle is no price talk
    ("Do you give a group rate for a team of 15 booking the same hotel?", "discount_seeker"),
    ("the premium is too steep for a 19 year old with a clean licence", "discount_seeker"),
    ("Deleted the app. Not worth the hassle at all.", "angry"),
    # areas served; everyone else does it
    ("do you deliver to Port Harcourt or only Lagos and Abuja?", "unavailable_request"),
    ("why can't you open on Saturdays, every other bank in town does", "unavailable_request"),
    # legitimacy of a message, conditions of a free cancellation, where to enter a code one has
    ("got an email about a tax rebate from you, is that genuine?", "confused"),
    ("is it refundable if my visa gets rejected?", "confused"),
    ("where do I enter the voucher code my friend sent me?", "confused"),
    # r3 genres: e-mails with greeting and sign-off, implicit complaints, short chasers, quoted replies
    ("Dear team,\n\nYour night manager behaved like a thug when I asked for my deposit.\n\nRegards,\nKim", "abusive"),
    ("still waiting", "neglected"),
    ("still waiting for my refund to show up on the card", "general"),
    ("I was told a supervisor would be in touch by Friday. Nothing so far.", "neglected"),
    ("Hello,\n\nThe warden told me the broken heater was my problem, not theirs.\n\nThanks, Ola", "neglected"),
    ("The chat assistant just keeps sending me help articles instead of answering", "neglected"),
    ("Hi, I was wondering if you could knock a bit off the price for two rooms? Many thanks, Sam", "discount_seeker"),
    ("The renewal quote is much higher this year, could you review the premium please?", "discount_seeker"),
    ("bhai price thoda kam karo, bulk order hai", "discount_seeker"),
    ("I'd happily pay for a family sharing option if you ever add one", "unavailable_request"),
    ("Any plans to start shipping to New Zealand?", "unavailable_request"),
    ("I expected better from a five-star hotel, to be honest.", "angry"),
    ("Which link? There is nothing in the email you sent.", "confused"),
    ("> Your booking fee has been refunded.\n\nThanks, I'd also like the seat fee back please.", "general"),
    ("Thank you so much for your help last week, could you send the receipt again? Kind regards, Mo", "general"),
    ("I was wondering if you could resend my invoice for April", "general"),
    # a faulty device under warranty is no outage
    ("the kettle stopped working after a month, please send a replacement under warranty", "general"),
    # colloquial classes added for held-out wording: sarcasm, fed-up, threats, dialect
    # insults, outage slang, put-offs, stock and shipping questions, loyalty credit
    ("I'm so over this company and its excuses", "angry"),
    ("you'll be hearing from my solicitor", "angry"),
    ("you had one job: deliver the right sofa", "angry"),
    ("shove your loyalty scheme, you useless twats", "abusive"),
    ("the portal just spins forever and never loads", "service_outage"),
    ("the text code never arrives so I can't get in", "service_outage"),
    ("this is the fourth time I'm writing about the same refund", "neglected"),
    ("I've chased this up with your team for weeks", "neglected"),
    ("does the blue one come in other sizes?", "unavailable_request"),
    ("will you deliver to Iceland at some point?", "unavailable_request"),
    ("is there a referral bonus for inviting friends?", "discount_seeker"),
]


@pytest.mark.parametrize(("text", "expected"), PRIMARY)
def test_primary(text: str, expected: str) -> None:
    assert replykit.classify(text, lang="en").primary == expected


LABELS: list[tuple[str, set[str]]] = [
    ("our broadband has been down since 6am, nobody answers the phone", {"service_outage", "neglected"}),
    ("site is down AGAIN, this is a joke", {"service_outage", "angry"}),
    ("@mybank you stole my money you crooks, the app is down again", {"abusive", "service_outage"}),
    ("on hold for an hour, absolutely ridiculous", {"neglected", "angry"}),
    ("way too expensive and your support never replies", {"discount_seeker", "neglected"}),
    ("every fucking time I open the app it crashes", {"service_outage", "angry"}),
    ("can I get a goodwill gesture for the downtime?", {"discount_seeker", "service_outage"}),
    ("oh fantastic, the parcel went to the wrong depot again", {"angry"}),
    ("I'm porting my number, the signal has been dead for days", {"service_outage"}),
]


@pytest.mark.parametrize(("text", "expected"), LABELS)
def test_labels(text: str, expected: set[str]) -> None:
    assert expected <= set(replykit.classify(text, lang="en").labels)


@pytest.mark.parametrize(
    "text",
    [
        "every fucking time, the parcel is late",  # profanity as intensifier is not abuse
        "I'm not an idiot, I know how to use a website",
        "the app is not down, I just can't find the menu",
        "fraud alert on my card, I didn't make this payment",
    ],
)
def test_not_abusive(text: str) -> None:
    result = replykit.classify(text, lang="en")
    assert "abusive" not in result.labels


@pytest.mark.parametrize(
    "text",
    [
        "it's down to your courier, not you",
        "the price went down last week",
        "calm down, the parcel arrived",
        "prices are not cheap but the service is fine",
        "please let me know when my order ships",
        "why don't you guys just send the invoice again",
        "Awaiting your reply. Please get back to me at your earliest convenience.",
        "you let me down, but the prices down here are fair",
        "the electricity bill is wrong, please correct the meter reading",
    ],
)
def test_no_situation(text: str) -> None:
    result = replykit.classify(text, lang="en")
    assert not {"service_outage", "neglected", "unavailable_request"} & set(result.labels)


# Wording classes added for held-out gaps: a fix reported then another question, a discount
# already used, polite chasers, "do you do X" and "why can I only", intermittent lines and
# router lights, and lookalikes that must stay quiet. Written for these tests.
FOLLOW_UPS: list[tuple[str, str]] = [
    ("the wifi is back up now, thank you. Could you also resend my welcome pack?", "general"),
    ("Email was down this morning but it's fixed now, how do I change my signature?", "confused"),
    ("Update: the outage has been resolved for us, please close my case", "general"),
    ("Used the promo code and it worked, but the parcel went to my old address", "general"),
    ("Thanks for the voucher! The blender arrived with a cracked jug though", "general"),
    ("Just following up on my complaint from the 3rd, any update?", "neglected"),
    ("Gentle reminder: my claim has been under review for three weeks", "neglected"),
    ("my ticket still says in progress, it was opened in March", "neglected"),
    ("do you guys do engraving on the watches?", "unavailable_request"),
    ("why can I only book one seat at a time online?", "unavailable_request"),
    ("our fibre keeps dropping out every evening around 8", "service_outage"),
    ("the light on my router is flashing orange and there's no internet", "service_outage"),
    ("works for ten minutes, then dropped again, third day running", "service_outage"),
    ("I'd like to see my last three statements please", "general"),
]


@pytest.mark.parametrize(("text", "expected"), FOLLOW_UPS)
def test_follow_up_classes(text: str, expected: str) -> None:
    assert replykit.classify(text, lang="en").primary == expected


@pytest.mark.parametrize(
    ("text", "archetype"),
    [
        ("you said it was fixed but the app is still down", "service_outage"),
        ("the coupon didn't work, can you take 10% off manually?", "discount_seeker"),
        ("I'd like to see a dark mode in the app", "unavailable_request"),
    ],
)
def test_near_misses_keep_their_label(text: str, archetype: str) -> None:
    assert archetype in replykit.classify(text, lang="en").labels


@pytest.mark.parametrize(
    ("text", "archetype"),
    [
        ("can I still swap my seat to an aisle?", "confused"),
        ("you should have received my passport copy yesterday", "unavailable_request"),
        ("do you do refunds on gift cards?", "unavailable_request"),
        ("prices keep dropping on your site, will you price match my order?", "service_outage"),
        ("the taxi ran a red light on the way to the airport", "service_outage"),
        ("I'll follow up with my bank about the transfer myself", "neglected"),
        ("wen will my order ship", "confused"),
    ],
)
def test_lookalikes_stay_quiet(text: str, archetype: str) -> None:
    assert archetype not in replykit.classify(text, lang="en").labels


# Rude staff, threats, price negotiation, plain price questions, phone trees
# (wording classes written for these tests).
STAFF_THREATS_PRICES = [
    ("The pharmacist snapped at me and then turned her back", "neglected"),
    ("Your courier talked to me like I was a child", "neglected"),
    ("The cashier raised her voice at me in front of everyone", "neglected"),
    ("If your engineer doesn't turn up again I will sort him out", "abusive"),
    ("You will regret this, I know where your depot is", "abusive"),
    ("Is there any code going for returning customers?", "discount_seeker"),
    ("Would you match the rate another hotel gave me?", "discount_seeker"),
    ("All agents are busy every single time I ring", "neglected"),
    ("The call drops every time I get to the front of the queue", "neglected"),
]


@pytest.mark.parametrize(("text", "expected"), STAFF_THREATS_PRICES)
def test_staff_threats_and_prices(text: str, expected: str) -> None:
    assert replykit.classify(text).primary == expected


@pytest.mark.parametrize(
    ("text", "archetype"),
    [
        ("How much is the family plan per month?", "discount_seeker"),
        ("What's the price of the 128GB version?", "discount_seeker"),
        ("I'll come to the shop on Monday to swap the size", "abusive"),
        ("I regret not buying the warranty, the screen cracked", "abusive"),
        ("The home broadband drops every evening around eight", "neglected"),
    ],
)
def test_plain_questions_and_visits_stay_quiet(text: str, archetype: str) -> None:
    assert archetype not in replykit.classify(text).labels


# Terms with a gap ("nobody ... got back to me"): words between the halves, and the
# near-misses a gap term must leave alone (a negator in the gap, a clause break, halves
# more than four words apart, the wrong order). Sentences written for these tests.
GAP_TERMS = [
    ('nobody at the depot ever got back to me', 'neglected'),
    ('no one on your chat has replied since Monday', 'neglected'),
    ('noone in complaints ever answers', 'neglected'),
    ('you never actually called me back', 'neglected'),
    ('been waiting two days for a callback', 'neglected'),
    ('still waiting a week for an answer', 'neglected'),
    ('sat on hold for nearly ninety minutes', 'neglected'),
    ('you promised last Tuesday to call me back', 'neglected'),
    ('the site has gone completely down again', 'service_outage'),
    ('the app crashed twice while I was paying', 'service_outage'),
    ('my payment keeps failing at the last step', 'service_outage'),
    ('the app randomly keeps logging me out', 'service_outage'),
    ('the website froze on the booking page', 'service_outage'),
    ('the delivery fee on small baskets is too high', 'discount_seeker'),
    ('the price of my plan has gone up again', 'discount_seeker'),
    ('could you knock a tenner off the sofa', 'discount_seeker'),
    ("why don't you guys finally add google pay", 'unavailable_request'),
    ('why do you still not offer a family plan', 'unavailable_request'),
    ('I do not quite understand your last email', 'confused'),
    ('no idea at all how to change my plan', 'confused'),
    ('can someone please explain the new charges', 'confused'),
    ('you people are greedy pigs', 'abusive'),
    ('will you honour the old price on the corner sofa', 'discount_seeker'),
    ("why can't I just choose my own seat online", 'unavailable_request'),
    ('carry on like this and you will really regret it', 'abusive'),
    ('your agent assured me someone would call back that day', 'neglected'),
]


@pytest.mark.parametrize(("text", "expected"), GAP_TERMS)
def test_gap_terms_reach_across_words(text: str, expected: str) -> None:
    result = replykit.classify(text)
    assert result.primary == expected
    (score,) = [s for s in result.scores if s.archetype == expected]
    assert any("..." in e.term for e in score.evidence)


GAP_NEAR_MISSES = [
    ('the staff were not rude', 'neglected'),
    ('the app is not really down, I just had to update it', 'service_outage'),
    ('the price is not too high, I just want it in blue', 'discount_seeker'),
    ('nobody minds. they answered within a day last time', 'neglected'),
    ('the app, which my son deleted on his old phone, froze', 'service_outage'),
    ('the price on the label was smudged and then the lift went up', 'discount_seeker'),
    ("I can't wait to log in and try the new look", 'service_outage'),
    ('you are feeding the pigs at the farm', 'abusive'),
]


@pytest.mark.parametrize(("text", "archetype"), GAP_NEAR_MISSES)
def test_gap_terms_stop_at_negators_breaks_and_distance(text: str, archetype: str) -> None:
    result = replykit.classify(text)
    assert archetype not in result.labels
    assert not any("..." in e.term for s in result.scores for e in s.evidence)


# Indirect and idiomatic wording (UK, US, Irish, Australian, Indian English): bargaining and
# retention, request frames, fed-up idioms, veiled threats and insults as predicates, broken
# promises of contact and being passed around, "where has it gone" questions. Sentences written
# for these tests.
IDIOMS = [
    ("Virgin quoted me a tenner less, what can you do on the price?", "discount_seeker"),
    ("Will you honour yesterday's price? It jumped overnight", "discount_seeker"),
    ("Is there anything for NHS staff at the moment?", "discount_seeker"),
    ("Too rich for me at the moment, sadly", "discount_seeker"),
    ("I can't stretch to the yearly plan, could you sharpen your pencil a bit?", "discount_seeker"),
    ("It'd be really handy if the tracker showed which stop the bus is at", "unavailable_request"),
    ("Any chance you'll stock the refill pouches in the Cork branch?", "unavailable_request"),
    ("Have you thought about adding a paperless billing option?", "unavailable_request"),
    ("Wish you did a pay monthly option for the annual membership", "unavailable_request"),
    ("Are there any plans on adding Welsh to the app?", "unavailable_request"),
    ("Sick to the back teeth of the excuses, honestly", "angry"),
    ("Not best pleased to find the same fault three weeks running", "angry"),
    ("That takes the biscuit. I'm voting with my feet.", "angry"),
    ("Words fail me. I'll be taking my custom elsewhere.", "angry"),
    ("I know where your manager lives, remind him of that", "abusive"),
    ("Your call centre is run by a bunch of shysters", "abusive"),
    ("Put me through to someone with more than two brain cells", "abusive"),
    ("If that driver blocks my gate again I'll slap him", "abusive"),
    ("Someone's going to regret speaking to my dad like that", "abusive"),
    ("I've now spoken to five different agents and nobody has a clue", "neglected"),
    ("The callback I was promised on Tuesday never came", "neglected"),
    ("Not so much as a reply to my three letters", "neglected"),
    ("Everyone just passes the buck between billing and sales", "neglected"),
    ("Sorry if this is a silly question, but is the PIN the same as my password?", "confused"),
    ("Has it gone through? I only see 'processing'", "confused"),
    ("Am I meant to get a letter as well as the email?", "confused"),
    ("Which is it, the 12th or the 21st? Your email says both", "confused"),
    ("Where's it gone? The saved items list was there yesterday", "confused"),
]


@pytest.mark.parametrize(("text", "expected"), IDIOMS)
def test_indirect_idioms(text: str, expected: str) -> None:
    assert replykit.classify(text, lang="en").primary == expected


@pytest.mark.parametrize(
    ("text", "archetype"),
    [
        ("my verification code expired before the text came through", "discount_seeker"),
        ("years of loyalty for nothing, you lot are a disgrace", "discount_seeker"),
        ("is this supposed to be a joke? three hours on the tarmac", "confused"),
        ("I had it with me at the gate but the strap broke", "angry"),
        ("the salesman said I will not regret the upgrade", "abusive"),
        ("I'll come down there and collect it myself, what time do you close?", "abusive"),
    ],
)
def test_idiom_lookalikes_stay_quiet(text: str, archetype: str) -> None:
    assert archetype not in replykit.classify(text, lang="en").labels


PHRASE_FAMILIES = [
    # a connection that died or plays up, a blank page, texts and e-mails that do not go through
    ("our broadband died at 6 and the router lights are all red", "service_outage"),
    ("the wifi has gone again, third time today", "service_outage"),
    ("mobile signal keeps dropping on the whole estate", "service_outage"),
    ("your app is playing up, the balance screen is blank", "service_outage"),
    ("checkout just shows a blank white page since this morning", "service_outage"),
    ("texts aren't going through on my line since Monday", "service_outage"),
    ("all our emails are bouncing today", "service_outage"),
    # nobody rang back, no word, a copied answer, time gone by since writing
    ("left two voicemails, nobody rang me back", "neglected"),
    ("complaint sent in March and no word", "neglected"),
    ("four emails, four copy and paste replies that ignore what I asked", "neglected"),
    ("it's been nine days since I emailed about the deposit", "neglected"),
    ("I've waited three weeks for this engineer", "neglected"),
    # an insult said of staff; leaving for a competitor
    ("the agent on the phone was a brainless parrot reading a script", "abusive"),
    ("your delivery drivers are absolute pigs on the road", "abusive"),
    ("third late delivery, I'm going to your competitor", "angry"),
    # lower it, a premium that's gone up; "down as" (recorded as) is no outage
    ("£60 a month is a lot, can you bring it down a bit?", "discount_seeker"),
    ("my premium's gone up by a third with no claims", "discount_seeker"),
    ("could you check my booking is down as the 14th, not the 15th", "general"),
]


@pytest.mark.parametrize(("text", "expected"), PHRASE_FAMILIES)
def test_phrase_families(text: str, expected: str) -> None:
    assert replykit.classify(text).primary == expected


PHRASE_FAMILY_LOOKALIKES = [
    # a voucher refused
    ("Three weeks for a sofa leg. Keep your voucher, just send the part", "discount_seeker"),
    ("the engineer never showed, again. don't bother offering me a discount this time", "discount_seeker"),
    # a kind driver; a phone battery that died
    ("the driver was kind and carried the boxes upstairs", "abusive"),
    ("my phone died so I could not ring you back", "service_outage"),
]


@pytest.mark.parametrize(("text", "archetype"), PHRASE_FAMILY_LOOKALIKES)
def test_phrase_family_lookalikes_stay_quiet(text: str, archetype: str) -> None:
    assert archetype not in replykit.classify(text).labels

"""The texts each kind of message starts with, in Ukrainian, Russian and English, until an
administrator edits them (``/templates``). All are discreet: they say what happened and
when, never why the person is in the programme; an e-mail's subject is neutral too."""

from __future__ import annotations

from services.notifications.domain import kinds as k

SUBJECTS = {"uk": "Повідомлення", "ru": "Сообщение", "en": "Message"}

_WHEN = "{{ starts_at|date }} {{ starts_at|time }}"
_MONEY = "{{ amount|money(currency) }}"

TEXTS: dict[str, dict[str, str]] = {
    k.WELCOME: {
        "uk": "Вітаємо! Вас зареєстровано. Ми надсилатимемо вам новини сюди. "
              "Надішліть STOP, щоб відмовитися від повідомлень.",
        "ru": "Здравствуйте! Вы зарегистрированы. Мы будем присылать вам новости сюда. "
              "Отправьте STOP, чтобы отказаться от сообщений.",
        "en": "Hello! You are now registered. We will send you updates here. "
              "Reply STOP to stop these messages."},
    k.ENROLMENT_CONFIRMED: {
        "uk": "Ваше місце на курсі підтверджено. Ми нагадаємо про перше заняття.",
        "ru": "Ваше место на курсе подтверждено. Мы напомним о первом занятии.",
        "en": "Your place on the course is confirmed. We will remind you of the first class."},
    k.WAITLISTED: {
        "uk": "Групу заповнено. Ви в черзі: {{ position }}. Ми повідомимо, щойно звільниться місце.",
        "ru": "Группа заполнена. Вы в очереди: {{ position }}. Мы сообщим, как только освободится место.",
        "en": "The group is full. You are number {{ position }} in line. "
              "We will tell you when a place frees up."},
    k.PROMOTED: {
        "uk": "Для вас звільнилося місце на курсі. Ваше місце підтверджено.",
        "ru": "Для вас освободилось место на курсе. Ваше место подтверждено.",
        "en": "A place on the course has come free for you. Your place is confirmed."},
    k.WITHDRAWN: {
        "uk": "Ваш запис на курс скасовано. Зверніться до свого консультанта, якщо є питання.",
        "ru": "Ваша запись на курс отменена. Обратитесь к своему консультанту, если есть вопросы.",
        "en": "Your place on the course has been cancelled. Ask your adviser if you have questions."},
    k.FIRST_SESSION_REMINDER: {
        "uk": "Нагадуємо: перше заняття курсу " + _WHEN + ".",
        "ru": "Напоминаем: первое занятие курса " + _WHEN + ".",
        "en": "Reminder: the course's first class is on " + _WHEN + "."},
    k.SESSION_REMINDER: {
        "uk": "Нагадуємо: заняття " + _WHEN + ".",
        "ru": "Напоминаем: занятие " + _WHEN + ".",
        "en": "Reminder: class on " + _WHEN + "."},
    k.COHORT_CANCELLED: {
        "uk": "На жаль, групу курсу скасовано. Консультант запропонує вам іншу.",
        "ru": "К сожалению, группа курса отменена. Консультант предложит вам другую.",
        "en": "Unfortunately the course group has been cancelled. Your adviser will offer another."},
    k.APPLICATION_RECEIVED: {
        "uk": "Вашу заявку отримано. Ми повідомимо про рішення.",
        "ru": "Ваша заявка получена. Мы сообщим о решении.",
        "en": "Your application has been received. We will let you know the decision."},
    k.CHANGES_REQUESTED: {
        "uk": "Заявку треба доопрацювати. Ваш консультант зв'яжеться з вами.",
        "ru": "Заявку нужно доработать. Ваш консультант свяжется с вами.",
        "en": "Your application needs some changes. Your adviser will contact you."},
    k.APPLICATION_APPROVED: {
        "uk": "Вашу заявку схвалено: " + _MONEY + ", частин: {{ tranches }}.",
        "ru": "Ваша заявка одобрена: " + _MONEY + ", частей: {{ tranches }}.",
        "en": "Your application is approved: " + _MONEY + " in {{ tranches }} parts."},
    k.APPLICATION_REJECTED: {
        "uk": "На жаль, заявку не схвалено. Ваш консультант розповість більше.",
        "ru": "К сожалению, заявка не одобрена. Ваш консультант расскажет подробнее.",
        "en": "Unfortunately your application was not approved. Your adviser can tell you more."},
    k.TRANCHE_RELEASED: {
        "uk": "Платіж {{ sequence }} на " + _MONEY + " відправлено.",
        "ru": "Платёж {{ sequence }} на " + _MONEY + " отправлен.",
        "en": "Payment {{ sequence }} of " + _MONEY + " has been sent."},
    k.TRANCHE_PAID: {
        "uk": "Платіж {{ sequence }} на " + _MONEY + " зараховано {{ paid_on|date }}.",
        "ru": "Платёж {{ sequence }} на " + _MONEY + " зачислен {{ paid_on|date }}.",
        "en": "Payment {{ sequence }} of " + _MONEY + " arrived on {{ paid_on|date }}."},
    k.OPT_OUT_CONFIRMED: {
        "uk": "Ви більше не отримуватимете SMS від нас.",
        "ru": "Вы больше не будете получать SMS от нас.",
        "en": "You will receive no more SMS from us."},
}

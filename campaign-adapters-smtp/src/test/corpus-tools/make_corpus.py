#!/usr/bin/env python3
"""Writes the machine-mail corpus (src/test/resources/corpus/<family>/*.eml and manifest.csv).

Every mail is written for this project from the formats the RFCs (3464, 6533, 5965, 8098, 3834)
and the vendors document: no mail is copied from a public collection. Run from the module root:
python3 src/test/corpus-tools/make_corpus.py
"""
import os, itertools, base64

ROOT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'corpus')
SENDER = 'sam@4runr.example'
rows = []
n = itertools.count(1)

def original(to, subj='Quick question about your onboarding'):
    return (f"Return-Path: <{SENDER}>\nMessage-ID: <m{next(n)}.c7@4runr.example>\n"
            f"Date: Tue, 1 Dec 2026 08:00:00 +0000\nFrom: Sam Carter <{SENDER}>\nTo: {to}\n"
            f"Subject: {subj}\n")

def write(family, name, text, category, reason=''):
    d = os.path.join(ROOT, family)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + '.eml'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    rows.append(f"{family}/{name}.eml,{category},{reason}")

def hard_or_soft(reason, status):
    if reason in ('USER_UNKNOWN', 'HOST_UNKNOWN'):
        return 'BOUNCE_HARD'
    if reason in ('MAILBOX_FULL', 'MESSAGE_TOO_BIG', 'EXPIRED', 'RATE_LIMITED', 'NETWORK', 'BLOCKED', 'SPAM_FILTERED', 'POLICY'):
        return 'BOUNCE_SOFT'
    return 'BOUNCE_HARD' if status.startswith('5') else 'BOUNCE_SOFT'

# (reason, status, smtp text) cases shared by the DSN-producing MTAs
CASES = [
    ('USER_UNKNOWN', '5.1.1', '550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table'),
    ('USER_UNKNOWN', '5.0.0', '550 5.1.1 The email account that you tried to reach does not exist'),
    ('HOST_UNKNOWN', '5.1.2', 'Host or domain name not found. Name service error for name={dom} type=MX: Host not found'),
    ('MAILBOX_FULL', '5.2.2', '552 5.2.2 Mailbox full: user is over quota'),
    ('MAILBOX_FULL', '5.0.0', '550 Requested action not taken: mailbox exceeded storage allocation'),
    ('MESSAGE_TOO_BIG', '5.3.4', '552 5.3.4 Message size exceeds fixed maximum message size'),
    ('EXPIRED', '4.4.7', 'Delivery time expired: could not connect for 5 days'),
    ('BLOCKED', '5.7.1', '554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org'),
    ('SPAM_FILTERED', '5.7.1', '550 5.7.1 Message rejected as spam by Content Filtering'),
    ('POLICY', '5.7.26', '550 5.7.26 Unauthenticated email is not accepted: DMARC policy of the sending domain'),
    ('RATE_LIMITED', '4.7.28', '421 4.7.28 Our system has detected an unusual rate of unsolicited mail, try again later'),
    ('SUSPENDED', '5.2.1', '550 5.2.1 The email account that you tried to reach is disabled'),
    ('NETWORK', '4.4.1', 'connect to mx.{dom}[198.51.100.7]:25: Connection timed out'),
]

MTAS = [
    # name, reporting MTA, from, subject, human text, content-type of report, language
    ('postfix', 'mail.4runr.example', 'MAILER-DAEMON@mail.4runr.example (Mail Delivery System)', 'Undelivered Mail Returned to Sender',
     'This is the mail system at host mail.4runr.example.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It\'s attached below.\n\nFor further assistance, please send mail to postmaster.\n\n                   The mail system\n\n<{rcpt}>: {diag}\n'),
    ('sendmail', 'smtp.4runr.example', 'Mail Delivery Subsystem <MAILER-DAEMON@smtp.4runr.example>', 'Returned mail: see transcript for details',
     'The original message was received at Tue, 1 Dec 2026 08:00:03 GMT\nfrom localhost [127.0.0.1]\n\n   ----- The following addresses had permanent fatal errors -----\n<{rcpt}>\n    (reason: {diag})\n\n   ----- Transcript of session follows -----\n... while talking to mx.{dom}.:\n>>> RCPT To:<{rcpt}>\n<<< {diag}\n'),
    ('gmail', 'mail-sor-f41.google.com', 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', 'Delivery Status Notification (Failure)',
     "** Address not delivered **\n\nYour message wasn't delivered to {rcpt} because of a problem at the receiving server.\n\nThe response was:\n\n{diag}\n"),
    ('exchange', 'EX01.contoso-mail.example', 'Microsoft Outlook <postmaster@{dom}>', 'Undeliverable: Quick question about your onboarding',
     "Delivery has failed to these recipients or groups:\n\n{rcpt}\nThe message couldn't be delivered.\n\nDiagnostic information for administrators:\n\nGenerating server: EX01.contoso-mail.example\n\n{rcpt}\nRemote Server returned '{diag}'\n"),
    ('o365', 'DB8PR04MB6923.eurprd04.prod.outlook.com', 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@4runr.example>', "Undeliverable: Quick question about your onboarding",
     "Your message to {rcpt} couldn't be delivered.\n\n{dom} suggests the following\nAction Required\n\nMore Info for Email Admins\nStatus code: {status}\n\n{diag}\n"),
    ('yahoo', 'mta1001.mail.ne1.yahoo.com', 'MAILER-DAEMON@yahoo.com', 'Failure Notice',
     "Sorry, we were unable to deliver your message to the following address.\n\n<{rcpt}>:\nRemote host said: {diag}\n"),
    ('icloud', 'ms-smtp-out.me.com', 'MAILER-DAEMON@icloud.com', 'Delivery Status Notification (Failure)',
     "Your message could not be delivered to one or more recipients.\n\n<{rcpt}>: {diag}\n"),
    ('zimbra', 'zm.4runr.example', 'MAILER-DAEMON@zm.4runr.example', 'Undelivered Mail Returned to Sender',
     "This is the mail system at host zm.4runr.example.\n\nI'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<{rcpt}>: host mx.{dom} said: {diag}\n"),
    ('courier', 'courier.4runr.example', 'Courier mail server at courier.4runr.example <@>', 'NOTICE: mail delivery status.',
     "This is a delivery status notification from courier.4runr.example,\nrunning the Courier mail server.\n\nThe original message was received on Tue, 1 Dec 2026 08:00:00 +0000\n\n<{rcpt}>: delivery to this address failed:\n{diag}\n"),
    ('ses', 'a8-12.smtp-out.amazonses.com', 'MAILER-DAEMON@amazonses.com', 'Delivery Status Notification (Failure)',
     "An error occurred while trying to deliver the mail to the following recipients:\n{rcpt}\n"),
    ('gmx', 'mout.gmx.net', 'Mail Delivery System <mailer-daemon@gmx.net>', 'Mail delivery failed: returning message to sender',
     "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\nits recipients. This is a permanent error. The following address(es)\nfailed:\n\n  {rcpt}\n    {diag}\n"),
    ('webde', 'mout.web.de', 'Mail Delivery System <mailer-daemon@web.de>', 'Unzustellbar: Quick question about your onboarding',
     "Ihre Nachricht konnte nicht zugestellt werden.\n\nDie Zustellung an folgende Empfänger ist fehlgeschlagen:\n\n  {rcpt}\n    {diag}\n"),
    ('mailru', 'fallback.mail.ru', 'Mail Delivery System <MAILER-DAEMON@corp.mail.ru>', 'Mail delivery failed: returning message to sender',
     "Это письмо создано автоматически\nсервером Mail.Ru, отвечать на него не нужно.\n\nВаше сообщение не удалось доставить одному или нескольким получателям:\n\n{rcpt}\n  SMTP error from remote mail server after RCPT TO:<{rcpt}>:\n  {diag}\n"),
    ('yandex', 'forward100.mail.yandex.net', 'mailer-daemon@yandex.ru', 'Недоставленное сообщение',
     "Сообщение не доставлено следующим адресатам.\nThis is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\n\n<{rcpt}>: host mx.{dom} said: {diag}\n"),
    ('domino', 'notes01.4runr.example', 'Postmaster@notes01.4runr.example', 'DELIVERY FAILURE: Error transferring to mx.{dom}',
     "Your message\n\n  Subject: Quick question about your onboarding\n\nwas not delivered to:\n\n  {rcpt}\n\nbecause:\n\n  {diag}\n"),
]

def dsn_mail(mta, case_idx, reason, status, diag, kind='delivery-status', auto=False):
    name, rmta, frm, subj, text = mta
    i = next(n)
    dom = f"client{i}.example"
    rcpt = f"lead{i}@{dom}"
    diag = diag.format(rcpt=rcpt, dom=dom)
    subj = subj.format(dom=dom)
    body = text.format(rcpt=rcpt, dom=dom, diag=diag, status=status)
    action = 'delayed' if status.startswith('4') and reason not in ('EXPIRED',) else 'failed'
    b = f"b{i}x"
    hdr_auto = 'Auto-Submitted: auto-replied\n' if auto else 'Auto-Submitted: auto-replied\n' if name in ('postfix', 'zimbra') else ''
    rt = 'message/global-delivery-status' if kind == 'global' else 'message/delivery-status'
    orig_type = 'message/global-headers' if kind == 'global' else 'text/rfc822-headers'
    final = f"utf-8; {rcpt}" if kind == 'global' else f"rfc822; {rcpt}"
    diagline = f"smtp; {diag}" if diag[:1].isdigit() else f"X-Postfix; {diag}"
    mail = (f"Return-Path: <>\nReceived: from {rmta} by mx.4runr.example; Tue, 1 Dec 2026 08:01:{i%60:02d} +0000\n"
            f"Date: Tue, 1 Dec 2026 08:01:{i%60:02d} +0000\nFrom: {frm}\nTo: {SENDER}\nSubject: {subj}\n"
            f"Message-ID: <dsn{i}@{rmta}>\n{hdr_auto}MIME-Version: 1.0\n"
            f"Content-Type: multipart/report; report-type={'global-delivery-status' if kind=='global' else 'delivery-status'};\n\tboundary=\"{b}\"\n\n"
            f"This is a MIME-encapsulated message.\n\n--{b}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n"
            f"--{b}\nContent-Type: {rt}\n\nReporting-MTA: dns; {rmta}\nArrival-Date: Tue, 1 Dec 2026 08:00:00 +0000\n\n"
            f"Final-Recipient: {final}\nOriginal-Recipient: rfc822;{rcpt}\nAction: {action}\nStatus: {status}\n"
            f"Remote-MTA: dns; mx.{dom}\nDiagnostic-Code: {diagline}\n\n"
            f"--{b}\nContent-Type: {orig_type}\n\n{original(rcpt)}\n--{b}--\n")
    cat = 'BOUNCE_SOFT' if action == 'delayed' else hard_or_soft(reason, status)
    return mail, cat

# Family 1 and 2: RFC 3464 / RFC 6533 DSNs from each MTA, over the reasons
for mi, mta in enumerate(MTAS):
    picks = [CASES[(mi + k * 5) % len(CASES)] for k in range(8)]
    for k, (reason, status, diag) in enumerate(picks):
        kind = 'global' if (mi + k) % 6 == 0 else 'delivery-status'
        mail, cat = dsn_mail(mta, k, reason, status, diag, kind)
        fam = 'dsn-rfc6533' if kind == 'global' else 'dsn-rfc3464'
        write(fam, f"{mta[0]}-{reason.lower()}-{k}", mail, cat, reason)

# Successful-delivery DSNs (relayed / delivered): not bounces
for i, action in enumerate(['delivered', 'relayed', 'expanded', 'delivered']):
    b = f"ok{i}"
    mail = (f"Return-Path: <>\nDate: Tue, 1 Dec 2026 09:00:0{i} +0000\nFrom: MAILER-DAEMON@mail.4runr.example (Mail Delivery System)\n"
            f"To: {SENDER}\nSubject: Successful Mail Delivery Report\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
            f"Content-Type: multipart/report; report-type=delivery-status; boundary=\"{b}\"\n\n--{b}\nContent-Type: text/plain\n\n"
            f"This is the mail system at host mail.4runr.example.\n\nYour message was successfully delivered to the destination(s)\nlisted below.\n\n<ok{i}@partner.example>: delivery via mx.partner.example: 250 2.0.0 Ok: queued as 4F{i}A\n\n"
            f"--{b}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.4runr.example\n\nFinal-Recipient: rfc822; ok{i}@partner.example\nAction: {action}\nStatus: 2.0.0\n"
            f"Diagnostic-Code: smtp; 250 2.0.0 Ok\n\n--{b}\nContent-Type: text/rfc822-headers\n\n{original(f'ok{i}@partner.example')}\n--{b}--\n")
    write('dsn-success', f"success-{action}-{i}", mail, 'AUTO_REPLY', '')

# Family: non-DSN plain-text notices (qmail, Exim, Japanese carriers, Domino, Verizon-like)
PLAIN = [
    ('qmail', 'MAILER-DAEMON@mx.{dom}', 'failure notice',
     "Hi. This is the qmail-send program at mx.{dom}.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<{rcpt}>:\n{diag}\n\n--- Below this line is a copy of the message.\n\n"),
    ('exim', 'Mail Delivery System <Mailer-Daemon@mx.{dom}>', 'Mail delivery failed: returning message to sender',
     "This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  {rcpt}\n    {diag}\n\n------ This is a copy of the message, including all the headers. ------\n\n"),
    ('docomo', 'Postmaster@docomo.ne.jp', '=?ISO-2022-JP?B?GyRCR1s/LiUoJWkhPBsoQg==?=',
     "The following recipient(s) could not be reached:\n\n{rcpt}\n    {diag}\n\n以下の宛先へのメールを配信できませんでした。\n"),
    ('au', 'MAILER-DAEMON@ezweb.ne.jp', 'Mail System Error - Returned Mail',
     "Your mail sent on: Tue, 1 Dec 2026 08:00:00 +0900\nCould not be delivered to: <{rcpt}>\nAs their mail server said:\n    {diag}\n"),
    ('softbank', 'Postmaster@softbank.ne.jp', '配信エラー',
     "お客様の送信したメールは、下記の宛先に届けることができませんでした。\n\n宛先: {rcpt}\n理由: {diag}\n"),
    ('domino-plain', 'Postmaster@notes.{dom}', 'DELIVERY FAILURE: User {rcpt} not listed in Domino Directory',
     "Your message\n\n  Subject: Quick question about your onboarding\n\nwas not delivered to:\n\n  {rcpt}\n\nbecause:\n\n  {diag}\n"),
    ('verizon', 'postmaster@vzwpix.example', 'Undeliverable Message',
     "Message could not be delivered to the following recipients because:\n\n{rcpt}\n  {diag}\n"),
    ('dragonfly', 'MAILER-DAEMON@dfly.{dom}', 'Mail delivery failed',
     "This is the DragonFly Mail Agent at dfly.{dom}.\n\nThere was an error delivering your mail to <{rcpt}>.\n\n{diag}\n\nOriginal message follows.\n\n"),
]
PLAIN_CASES = [
    ('USER_UNKNOWN', '5', '550 5.1.1 <{rcpt}>... User unknown'),
    ('USER_UNKNOWN', '5', 'Sorry, no mailbox here by that name. (#5.1.1)'),
    ('HOST_UNKNOWN', '5', 'Unrouteable mail domain "{dom}"'),
    ('MAILBOX_FULL', '5', '552 Requested mail action aborted: exceeded storage allocation'),
    ('MAILBOX_FULL', '5', "The user's mailbox is over quota and not enough storage is left"),
    ('EXPIRED', '5', 'retry timeout exceeded; message has been in the queue too long'),
    ('BLOCKED', '5', '554 Your IP address 192.0.2.25 is listed at bl.spamcop.net, blocked'),
    ('USER_UNKNOWN', '', 'User unknown'),
]
for pi, (name, frm, subj, text) in enumerate(PLAIN):
    for k in range(4):
        reason, klass, diag = PLAIN_CASES[(pi + k * 3) % len(PLAIN_CASES)]
        i = next(n)
        dom = f"carrier{i}.example" if name not in ('docomo','au','softbank') else {'docomo':'docomo.ne.jp','au':'ezweb.ne.jp','softbank':'softbank.ne.jp'}[name]
        rcpt = f"user{i}@{dom}"
        d = diag.format(rcpt=rcpt, dom=dom)
        body = text.format(rcpt=rcpt, dom=dom, diag=d)
        s = subj.format(rcpt=rcpt, dom=dom)
        inline = original(rcpt) + "\nHi there, I wanted to ask a quick question.\n" if 'copy of the message' in body or 'follows' in body else ''
        mail = (f"Return-Path: <>\nDate: Tue, 1 Dec 2026 08:05:00 +0000\nFrom: {frm.format(dom=dom)}\nTo: {SENDER}\n"
                f"Subject: {s}\nMessage-ID: <nd{i}@{dom}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                f"Content-Transfer-Encoding: 8bit\n\n{body}{inline}")
        status = '5.x' if klass == '5' else ''
        if reason in ('USER_UNKNOWN','HOST_UNKNOWN'):
            cat = 'BOUNCE_HARD'
        else:
            cat = 'BOUNCE_SOFT'
        write('ndr-plain', f"{name}-{reason.lower()}-{k}", mail, cat, reason)

# Localised Exchange / provider notices without a DSN part
LOCAL = [
    ('de', 'Unzustellbar: Angebot', 'Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:\n\n{rcpt}\nDie E-Mail-Adresse wurde nicht gefunden.\n\nRemote Server returned \'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\'\n', 'USER_UNKNOWN', 'BOUNCE_HARD'),
    ('fr', 'Non remis : Offre', "Échec de remise à ces destinataires ou groupes :\n\n{rcpt}\nL'adresse de messagerie est introuvable.\n\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n", 'USER_UNKNOWN', 'BOUNCE_HARD'),
    ('es', 'No se puede entregar: Oferta', 'No se pudo entregar a estos destinatarios o grupos:\n\n{rcpt}\nEl buzón del destinatario está lleno y no acepta mensajes.\n\nRemote Server returned \'554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException\'\n', 'MAILBOX_FULL', 'BOUNCE_SOFT'),
    ('it', 'Non recapitabile: Offerta', 'Non è stato possibile recapitare il messaggio ai seguenti destinatari:\n\n{rcpt}\nLa casella di posta è piena.\n\nRemote Server returned \'552 5.2.2 casella piena\'\n', 'MAILBOX_FULL', 'BOUNCE_SOFT'),
    ('nl', 'Onbestelbaar: Aanbod', 'Uw bericht kon niet worden bezorgd bij:\n\n{rcpt}\nHet e-mailadres bestaat niet.\n\nRemote Server returned \'550 5.1.1 User unknown\'\n', 'USER_UNKNOWN', 'BOUNCE_HARD'),
    ('de', 'Unzustellbar: Angebot', 'Die Nachricht konnte nicht zugestellt werden. Die Übermittlung wurde nach zu vielen Versuchen abgebrochen.\n\n{rcpt}\nRemote Server returned \'550 5.4.316 Message expired, connection refused(Socket error code 10061)\'\n', 'EXPIRED', 'BOUNCE_SOFT'),
    ('en', 'Undeliverable: Offer', "Delivery has failed to these recipients or groups:\n\n{rcpt}\nYour message wasn't delivered because the recipient's email provider rejected it.\n\nRemote Server returned '550 5.7.606 Access denied, banned sending IP [192.0.2.25]'\n", 'BLOCKED', 'BOUNCE_SOFT'),
    ('en', 'Undeliverable: Offer', "Delivery has failed to these recipients or groups:\n\n{rcpt}\nThe recipient's mailbox is full and can't accept messages now.\n\nRemote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'\n", 'MAILBOX_FULL', 'BOUNCE_SOFT'),
    ('en', 'Undeliverable: Offer', "Delivery has failed to these recipients or groups:\n\n{rcpt}\nThe message was too large.\n\nRemote Server returned '552 5.3.4 Message size exceeds fixed maximum message size'\n", 'MESSAGE_TOO_BIG', 'BOUNCE_SOFT'),
    ('en', 'Undeliverable: Offer', "Delivery has failed to these recipients or groups:\n\n{rcpt}\nThe domain couldn't be found.\n\nRemote Server returned '550 5.4.310 DNS domain {dom} does not exist'\n", 'HOST_UNKNOWN', 'BOUNCE_HARD'),
]
for k, (lang, subj, text, reason, cat) in enumerate(LOCAL * 2):
    i = next(n)
    dom = f"kunde{i}.example"
    rcpt = f"kontakt{i}@{dom}"
    mail = (f"Date: Tue, 1 Dec 2026 08:06:00 +0000\nFrom: postmaster@{dom}\nTo: {SENDER}\nSubject: {subj}\n"
            f"Message-ID: <loc{i}@{dom}>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n"
            + ("Auto-Submitted: auto-replied\n" if k % 2 else "") +
            f"\n{text.format(rcpt=rcpt, dom=dom)}")
    write('ndr-localised', f"exchange-{lang}-{reason.lower()}-{k}", mail, cat, reason)

# Feedback loops
def arf(i, variant):
    b = f"arf{i}"
    fbt = ['abuse', 'abuse', 'fraud', 'abuse'][variant % 4]
    rcpt = f"reporter{i}@mailbox.example"
    return (f"Return-Path: <>\nDate: Wed, 2 Dec 2026 10:00:{i%60:02d} +0000\nFrom: Feedback Loop <fbl@isp{variant}.example>\nTo: fbl-reports@4runr.example\n"
            f"Subject: {['FW: Quick question', 'Abuse Report', 'Spam report', 'complaint'][variant % 4]}\nMessage-ID: <fbl{i}@isp.example>\nMIME-Version: 1.0\n"
            f"Content-Type: multipart/report; report-type=feedback-report;\n\tboundary=\"{b}\"\n\n--{b}\nContent-Type: text/plain; charset=\"US-ASCII\"\n\n"
            f"This is an email abuse report for an email message received from IP 192.0.2.25 on Wed, 2 Dec 2026.\nFor more information about this format please see http://www.mipassoc.org/arf/.\n\n"
            f"--{b}\nContent-Type: message/feedback-report\n\nFeedback-Type: {fbt}\nUser-Agent: ISPFBL/1.0\nVersion: 1\nOriginal-Mail-From: <{SENDER}>\n"
            f"Original-Rcpt-To: <{rcpt}>\nArrival-Date: Wed, 2 Dec 2026 09:58:00 +0000\nSource-IP: 192.0.2.25\nReported-Domain: 4runr.example\n\n"
            f"--{b}\nContent-Type: {'message/rfc822' if variant % 2 == 0 else 'text/rfc822-headers'}\n\n{original(rcpt)}\nHello, a quick question.\n\n--{b}--\n")
for v in range(12):
    write('fbl-arf', f"arf-{v}", arf(next(n), v), 'COMPLAINT', '')
for v in range(6):
    i = next(n)
    rcpt = f"hm{i}@hotmail.example"
    mail = (f"Date: Wed, 2 Dec 2026 11:00:00 -0800\nFrom: staff@hotmail.com\nTo: jmrp@4runr.example\nSubject: complaint about message from 192.0.2.25\n"
            f"X-HmXmrOriginalRecipient: <{rcpt}>\nMessage-ID: <jmrp{i}@hotmail.com>\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n{original(rcpt)}\nHello, a quick question.\n")
    write('fbl-jmrp', f"jmrp-{v}", mail, 'COMPLAINT', '')
for v in range(6):
    i = next(n)
    rcpt = f"aol{i}@aol.example"
    mail = (f"Date: Wed, 2 Dec 2026 12:00:00 -0500\nFrom: scomp@aol.net\nTo: fbl@4runr.example\nSubject: Client TOS Notification\n"
            f"Message-ID: <scomp{i}@aol.net>\nMIME-Version: 1.0\nContent-Type: text/plain\n\n"
            f"This is an email abuse report for an email message received from IP 192.0.2.25 on Wed, 2 Dec 2026 11:59:00 EST.\n"
            f"For information, please review the AOL feedback loop policy.\n\n{original(rcpt)}\n")
    write('fbl-legacy', f"aol-{v}", mail, 'COMPLAINT', '')
for v in range(4):
    i = next(n)
    mail = (f"Date: Wed, 2 Dec 2026 12:00:00 -0800\nFrom: Yahoo! Mail <feedback@arf.mail.yahoo.example>\nTo: fbl@4runr.example\nSubject: Email Feedback Report for IP 192.0.2.25\n"
            f"Message-ID: <yfb{i}@yahoo.example>\nMIME-Version: 1.0\nContent-Type: text/plain\n\n"
            f"A user has reported this message as spam.\nThis is an email abuse report for an email message sent to a Yahoo! Mail user.\n\n{original(f'y{i}@yahoo.example')}\n")
    write('fbl-legacy', f"yahoo-{v}", mail, 'COMPLAINT', '')
for v in range(6):
    i = next(n)
    ftype = ['abuse', 'not-spam', 'virus', 'fraud', 'other', 'abuse'][v]
    sp = ', ' if v % 2 else ','
    json_body = ('{"notificationType":"Complaint","complaint":{"userAgent":"ExampleCorp Feedback Loop (V0.01)",'
                 f'"complainedRecipients":[{{"emailAddress":"c{i}@recipient.example"}}],"complaintFeedbackType":"abuse",'
                 f'"arrivalDate":"2026-12-02T10:00:00.000Z","timestamp":"2026-12-02T10:00:01.000Z","feedbackId":"0100{i:04d}-feedback"}},'
                 '"mail":{"timestamp":"2026-12-02T09:59:00.000Z","source":"sam@4runr.example","messageId":"0100-ses-msg"}}')
    if v % 2:
        json_body = json_body.replace('"notificationType":"Complaint"', '"notificationType": "Complaint"')
    mail = (f"Date: Wed, 2 Dec 2026 10:00:05 +0000\nFrom: no-reply@sns.amazonaws.example\nTo: ops@4runr.example\nSubject: AWS Notification Message\n"
            f"Message-ID: <sns{i}@sns.amazonaws.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n{json_body}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe.\n")
    write('fbl-ses', f"ses-complaint-{v}", mail, 'COMPLAINT', '')

# MDNs (RFC 8098) and Outlook read notices
for v in range(8):
    i = next(n)
    b = f"mdn{i}"
    disp = ['manual-action/MDN-sent-manually; displayed', 'automatic-action/MDN-sent-automatically; displayed', 'manual-action/MDN-sent-automatically; deleted'][v % 3]
    lang_text = ["The message sent on Tue, 1 Dec 2026 to lead@client.example with subject \"Quick question\" has been displayed.\nThis is no guarantee that the message has been read or understood.",
                 "Ihre Nachricht an lead@client.example wurde am 01.12.2026 gelesen.",
                 "Votre message a été lu le 01/12/2026.",
                 "Este es un recibo de lectura: su mensaje fue leído el 01/12/2026."][v % 4]
    mail = (f"Date: Tue, 1 Dec 2026 10:00:00 +0000\nFrom: Lead {i} <lead{i}@client.example>\nTo: {SENDER}\nSubject: {['Read: Quick question', 'Gelesen: Kurze Frage', 'Lu : Question', 'Leído: Pregunta'][v%4]}\n"
            f"Message-ID: <mdn{i}@client.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=disposition-notification;\n\tboundary=\"{b}\"\n\n"
            f"--{b}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{lang_text}\n\n--{b}\nContent-Type: message/disposition-notification\n\n"
            f"Reporting-UA: client.example; ExampleMail 3.0\nFinal-Recipient: rfc822; lead{i}@client.example\nOriginal-Message-ID: <m1.c7@4runr.example>\nDisposition: {disp}\n\n"
            f"--{b}\nContent-Type: text/rfc822-headers\n\n{original(f'lead{i}@client.example')}\n--{b}--\n")
    write('mdn', f"mdn-{v}", mail, 'AUTO_REPLY', '')
for v in range(4):
    i = next(n)
    mail = (f"Date: Tue, 1 Dec 2026 10:00:00 +0000\nFrom: Lead {i} <lead{i}@client.example>\nTo: {SENDER}\nSubject: Read: Quick question about your onboarding\n"
            f"Message-ID: <rr{i}@client.example>\nMIME-Version: 1.0\nContent-Type: text/plain\n\nYour message\n\n    To: lead{i}@client.example\n    Subject: Quick question about your onboarding\n    Sent: Tuesday, December 1, 2026 8:00 AM (UTC)\n\nwas read on Tuesday, December 1, 2026 9:59 AM (UTC).\n")
    write('mdn', f"outlook-read-{v}", mail, 'AUTO_REPLY', '')

# Challenge-response
CHAL = [
    "Hello,\n\nI use a spam protection system. Your message is being held until you confirm you are human.\nPlease click the link below to verify that you are a human and your message will be delivered:\nhttps://verify.example/c/{i}\n\nThank you.",
    "Your email to lead{i}@client.example has been received but is awaiting your verification.\nThis mailbox accepts mail only from senders on the approved sender list.\nTo have your message delivered, please click: https://verify.example/a/{i}",
    "You are on my guest list? Not yet. I am protecting my inbox with a waiting list.\nPlease verify you are a human by completing this short step: https://verify.example/g/{i}",
    "Guten Tag,\n\nich schütze mein Postfach vor Spam. Ihre Nachricht wurde zurückgehalten.\nBitte bestätigen Sie, dass Sie ein Mensch sind: https://verify.example/de/{i}",
]
for v in range(8):
    i = next(n)
    hdr = "Auto-Submitted: auto-replied\n" if v % 2 == 0 else ""
    mail = (f"Date: Tue, 1 Dec 2026 08:10:00 +0000\nFrom: lead{i}@client.example\nTo: {SENDER}\nSubject: {['Please verify your email', 'Re: Quick question about your onboarding', 'Verification required', 'Bestätigung erforderlich'][v%4]}\n"
            f"Message-ID: <cr{i}@client.example>\n{hdr}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{CHAL[v%4].format(i=i)}\n")
    write('challenge', f"challenge-{v}", mail, 'AUTO_REPLY', '')

# Acknowledgements of receipt
ACK = [
    ('Eingangsbestätigung', 'Sehr geehrte Damen und Herren,\n\nIhre Nachricht ist bei uns eingegangen. Dies ist eine automatisch erstellte Eingangsbestätigung.\nIhr Anliegen wird so schnell wie möglich bearbeitet.\n\nMit freundlichen Grüßen\nIhre Stadtverwaltung'),
    ('[Ticket #48213] Quick question about your onboarding', 'Hello,\n\nThank you for contacting us. Your request has been received and a ticket number 48213 has been assigned.\nOur support team will get back to you shortly.\n\nPlease do not reply to this email.'),
    ('Accusé de réception', 'Bonjour,\n\nNous avons bien reçu votre message. Ceci est un message automatique, merci de ne pas y répondre.\n'),
    ('Acuse de recibo', 'Hemos recibido su mensaje y le responderemos lo antes posible. Este es un mensaje automático.'),
    ('Ontvangstbevestiging', 'Geachte heer/mevrouw,\n\nWij hebben uw bericht ontvangen. Dit is een automatisch gegenereerd bericht.'),
    ('We received your message', 'Thanks for writing in! We have received your email and will respond within 2 business days.\nCase number: 00931{i}'),
    ('Ihre Anfrage', 'Vielen Dank für Ihre E-Mail. Wir haben Ihre Anfrage erhalten und melden uns in Kürze.\nDiese E-Mail wurde automatisch generiert.'),
    ('Re: Quick question about your onboarding', 'This is an automated acknowledgement. Your enquiry has been received and will be answered by the responsible department.'),
]
for v in range(16):
    i = next(n)
    subj, text = ACK[v % len(ACK)]
    hdr = ["Auto-Submitted: auto-replied\n", "Precedence: bulk\n", "X-Autoreply: yes\n", ""][v % 4]
    mail = (f"Date: Tue, 1 Dec 2026 08:12:00 +0000\nFrom: {['info','support','poststelle','kontakt'][v%4]}@org{i}.example\nTo: {SENDER}\nSubject: {subj}\n"
            f"Message-ID: <ack{i}@org.example>\n{hdr}MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{text.format(i=i)}\n")
    write('acknowledgement', f"ack-{v}", mail, 'AUTO_REPLY', '')

# DSNs carrying Auto-Submitted (the structure decides)
for k in range(6):
    reason, status, diag = CASES[k * 2 % len(CASES)]
    mail, cat = dsn_mail(MTAS[k], k, reason, status, diag, 'delivery-status', auto=True)
    mail = mail.replace('Return-Path: <>\n', 'Return-Path: <>\nX-Autoreply: yes\nPrecedence: auto_reply\n')
    write('dsn-auto-submitted', f"{MTAS[k][0]}-{reason.lower()}", mail, cat, reason)

# Out-of-office and people, so that machine rules are seen not to take them
for v in range(4):
    i = next(n)
    mail = (f"Date: Tue, 1 Dec 2026 08:12:00 +0000\nFrom: lead{i}@client.example\nTo: {SENDER}\nSubject: Automatic reply: Quick question about your onboarding\n"
            f"Auto-Submitted: auto-replied\nMessage-ID: <ooo{i}@client.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
            f"I am out of the office until 14 December 2026 with limited access to email.\n")
    write('ooo', f"ooo-{v}", mail, 'OUT_OF_OFFICE', '')
HUMAN = [
    ('Re: Quick question about your onboarding', "Thanks Sam, I'm interested - could we talk on Thursday?", 'INTERESTED'),
    ('Re: Quick question about your onboarding', "No thanks, we're not interested.", 'NOT_INTERESTED'),
    ('Re: Quick question', "Where did you get my address? This is spam.", 'COMPLAINT'),
    ('Re: Quick question', "Please remove me from your list.", 'UNSUBSCRIBE_REQUEST'),
]
for v, (subj, text, cat) in enumerate(HUMAN):
    i = next(n)
    mail = (f"Date: Tue, 1 Dec 2026 08:12:00 +0000\nFrom: Lead <lead{i}@client.example>\nTo: {SENDER}\nSubject: {subj}\n"
            f"Message-ID: <h{i}@client.example>\nIn-Reply-To: <m1.c7@4runr.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{text}\n")
    write('human', f"human-{v}", mail, cat, '')

with open(os.path.join(ROOT, 'manifest.csv'), 'w') as f:
    f.write('# file,category,reason (empty: no bounce reason)\n')
    f.write('\n'.join(rows) + '\n')
print(len(rows), 'mails')

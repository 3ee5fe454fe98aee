"""The test SMTP server's handler: aiosmtpd's Mailbox (every message a file in a maildir), except
that recipients at unknown.example.org are refused the way a real server refuses a mailbox that
does not exist, so tests can see a permanent failure from a real SMTP conversation."""
from aiosmtpd.handlers import Mailbox


class RefusingMailbox(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@unknown.example.org"):
            # As Postfix words it: real servers echo the address, which Lifeline must not store or log.
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
        envelope.rcpt_tos.append(address)
        return "250 OK"

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Our source strings are Dutch: a fuzzy guess from a similar string would be wrong Dutch,
    # so new strings stay empty and `make messages` fills the nl catalogue from the source.
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]

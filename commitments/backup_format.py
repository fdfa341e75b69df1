"""The JSON serialization of backups and fixtures (settings.SERIALIZATION_MODULES["json"]):
Django's, except that date-times keep their microseconds (Django's encoder cuts them to
milliseconds, so a restored history would not match the rows it was taken from)."""

import datetime

from django.core.serializers import json


class Serializer(json.Serializer):
    def _value_from_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, (datetime.datetime, datetime.time)):
            return value.isoformat()
        return super()._value_from_field(obj, field)


Deserializer = json.Deserializer

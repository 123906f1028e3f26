# Creates a librdkafka share consumer (confluent-kafka's ShareConsumer) with the settings
# given as a JSON object on stdin, then closes it. Prints "accepted", or "refused: WHY".
# Nothing is consumed: the bootstrap address is a closed port on 127.0.0.1.
import json
import sys

import confluent_kafka

settings = json.load(sys.stdin)
settings.update({"bootstrap.servers": "127.0.0.1:1", "group.id": "kplan-test", "log_level": 0})
try:
    consumer = confluent_kafka.ShareConsumer(settings)
except Exception as error:  # librdkafka's refusal, as confluent-kafka raises it
    print(f"refused: {error}")
else:
    consumer.close()
    print("accepted")

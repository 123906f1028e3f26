# kplan's words in English. Every message id here exists in ko.ftl with the same
# variables (a test checks). Arguments arrive formatted (3,600,000, 1.5 MiB), so no
# Fluent number formatting is used. Kafka property names and values stay as they are.

## Setting reasons: reason-<kind>, the kind being reason_kinds in the JSON output

reason-acks-leader = at-most-once tolerates loss, so the leader's acknowledgement is enough
reason-acks-all = { $delivery }: a write counts only once every in-sync replica has it
reason-idempotence-on = retries cannot duplicate or reorder records within a partition
reason-idempotence-off = at-most-once does not retry for safety; idempotence would require acks=all
reason-in-flight-idempotent = the most the idempotent producer allows while it keeps per-partition order
reason-in-flight-keyed-not-idempotent = keyed without idempotence: a retried batch must not overtake the next one
reason-in-flight-unkeyed = unkeyed: order does not matter, so several requests may be in flight
reason-linger-within-objective = online: at most { $linger_ms } ms of batching, within { $share_percent }% of the { $objective_ms } ms delay objective
reason-linger-online = online: at most { $linger_ms } ms of batching keeps delay low
reason-linger-batch = batch: waiting up to { $linger_ms } ms fills larger batches; throughput matters more than delay
reason-batch-fill = { $partition_rate }/s per partition x { $linger_ms } ms linger fills about { $fill }; kept within { $min }..{ $max }
reason-compression = { $codec }: { $codec ->
        [lz4] fast on CPU and adds little delay
        [zstd] the best ratio, and batches are large enough to pay off (brokers 2.1+)
        [snappy] fast and widely supported
        [gzip] a high ratio at a high CPU cost
       *[other] as the profile sets it
    }; the topic takes { $topic_rate }/s
reason-buffer-memory = holds { $seconds } s of the planned { $topic_rate }/s while a leader moves, and 2 batches for each of { $partitions } partitions; { $above_bound ->
        [yes] above the profile's bound of { $max_bytes } B, as the largest request ({ $request_bytes } B) must fit the buffer
       *[no] within { $min }..{ $max }
    }
reason-request-size-for-largest = fits the largest message ({ $largest }) with its record headers
reason-request-size-default-fits-largest = the largest message ({ $largest }) and a full batch fit the 1 MiB default
reason-request-size-default = a full batch fits the 1 MiB default; set max_message_bytes to check the largest message
reason-delivery-timeout = a send retries for up to { $seconds } s, riding out a leader election; at least linger.ms + request.timeout.ms ({ $floor_ms } ms)
reason-transactional-id-prefix = exactly-once: a prefix; append a stable id per producer instance (such as the pod ordinal) so a restart fences its predecessor
reason-transaction-timeout = exactly-once: a transaction stays open at least as long as delivery.timeout.ms ({ $delivery_timeout_ms } ms) lets a send retry; librdkafka refuses a shorter one{ $above_broker_max ->
        [yes] ; above the brokers' default transaction.max.timeout.ms ({ $broker_max_ms } ms): raise it, or the producer cannot start
       *[no] {""}
    }
reason-poll-interval = { $seconds } s before a consumer that stops polling is replaced
reason-poll-interval-raised = raised from { $profile_ms } ms: one record at p99 latency ({ $p99_ms } ms) must fit in half of it
reason-poll-records = { $records } records x p99 { $p99_ms } ms = { $seconds } s, within half of max.poll.interval.ms ({ $budget_seconds } s){ $capped ->
        [yes] ; capped at the profile's { $cap }
       *[no] {""}
    }
reason-auto-commit-on-timer = at-most-once: offsets are committed on a timer, before processing may finish
reason-commit-after-processing = { $delivery }: commit offsets only after processing succeeds
reason-offset-reset-latest = at-most-once: a new group starts at the newest records
reason-offset-reset-earliest = { $delivery }: a new group must not skip records already published
reason-fetch-any-data = online: a fetch returns as soon as any data exists
reason-fetch-min-bytes = about { $bytes_per_wait } reach a partition in fetch.max.wait.ms ({ $wait_ms } ms); at most { $bound }
reason-fetch-max-wait = a fetch waits at most { $wait_ms } ms for fetch.min.bytes to arrive
reason-cooperative-assignor = incremental rebalances: consumers keep their partitions while others join or leave
reason-as-profile-sets = as the profile sets it
reason-read-committed = exactly-once: skip records of aborted transactions
reason-read-uncommitted = { $delivery }: no transactions to wait for
reason-session-timeout = { $type }: a consumer silent for { $seconds } s is declared dead and its partitions move
reason-heartbeat-third-of-session = a third of session.timeout.ms, so two heartbeats can be lost before a rebalance
reason-consumer-protocol = KIP-848 (Kafka 4.0+): the broker assigns partitions and rebalances incrementally, without stopping the group; session and heartbeat timeouts are group configs on the broker, so the client sets neither
reason-uniform-assignor = the broker's assignor: partitions spread evenly over the members, and only those that must move are revoked
reason-records-within-lock = { $records } records x p99 { $p99_ms } ms = { $seconds } s, within half of the { $lock_seconds } s record lock, so no record is redelivered while still in work{ $limited ->
        [shared] ; lowered so { $consumers_per_partition } consumers share a partition's { $record_locks } record locks
        [capped] ; capped at the profile's { $cap }
       *[no] {""}
    }
reason-explicit-acknowledgement = { $delivery }: acknowledge each record (ACCEPT) only after it is processed; RELEASE hands it to another consumer, REJECT archives it
reason-implicit-acknowledgement = at-most-once: the next poll acknowledges the previous poll's records, processed or not

## Per-group configs (kafka-configs.sh --entity-type groups): reason-<kind> as well

reason-consumer-session = { $moved ->
        [yes] the profile's { $profile_seconds } s session moved into range:
       *[no] a member silent for { $seconds } s is fenced and its partitions move;
    } the brokers take { $broker_min_seconds } to { $broker_max_seconds } s for a consumer-protocol group
reason-consumer-heartbeat = heartbeats carry assignment changes: every { $seconds } s, the shortest the brokers allow, so a rebalance settles fast
reason-record-lock = a consumer holds an acquired record { $lock_seconds } s{ $case ->
        [renew] , the brokers' most; one record at p99 takes { $poll_seconds } s, more than half of it: acknowledge with RENEW while a record is in work, or it is redelivered to another consumer
        [raised] , raised from the { $default_seconds } s default (the brokers allow up to { $max_seconds } s) so a poll's records at p99 ({ $poll_seconds } s) fit in half of it
       *[default] {" "}(the default); a poll's records at p99 take { $poll_seconds } s, within half of it
    }
reason-delivery-count-limit = { $with_retries ->
        [yes] { $retries } retries and the first attempt: after { $limit } deliveries a record is archived or dead-lettered
       *[no] the default: after { $limit } deliveries a record that keeps failing is archived; set {"["}dead_letter{"]"} to keep it
    }
reason-share-offset-reset = { $newest ->
        [yes] at-most-once: a new share group starts at the newest records
       *[no] { $delivery }: a new share group must not skip records already published
    }
reason-dead-letter-queue = KIP-1191 (Kafka 4.4+): a record past the delivery limit goes to { $topic }; share-group dead letter topics take the dlq. prefix

## Warnings: warning-<kind>, the kind being warning_details[].kind in the JSON output

warning-infeasible = infeasible: { $reason }
warning-over-cap = needs { $needed } partitions, over the cap of { $cap }: planned at { $recommended }, where consumers run at { $percent }% of capacity; see what fits under the cap
warning-key-skew-unresolved = no partition count up to { $searched_to } spreads the key sample so that the busiest partition fits; the need is higher still
warning-partitions-only-grow = keyed topic: partitions can only grow, and growing remaps keys to other partitions, which breaks per-key order; rebalancing pauses consumption. Create it with { $recommended } partitions now; to grow later, stop producers and consumers first
warning-key-skew-unchecked = keyed topic without key_sample_file: key skew is not checked, and a hot key limits throughput whatever the partition count
warning-at-most-once = at-most-once: a producer or consumer failure can lose messages; offsets are committed before processing finishes
warning-few-latency-samples = only { $samples } latency samples: the mean ({ $mean_ms } ms) may be as high as { $upper_ms } ms (95% bound); measure more before relying on this plan
warning-message-over-broker-default = messages up to { $largest } exceed the broker default message.max.bytes (1 MiB): set the topic's max.message.bytes to at least { $largest_bytes }
warning-latency-tail-unknown = { $percent }% of the latency histogram's observations are above its last bound ({ $last_bound_ms } ms), where it cannot say how slow they were; they are { $placed }. Add larger buckets to measure the tail
tail-spread-to-sum = taken as spread evenly from { $last_bound_ms } up to { $high_ms } ms, where their share of _sum puts them
tail-at-last-bound = taken as { $last_bound_ms } ms, the last bound, as histogram_quantile takes them

## Why no partition count works

infeasible-delay-below-latency = the delay objective ({ $objective_ms } ms) is below the p99 processing latency ({ $p99_ms } ms), so no partition count can meet it; speed up processing or raise max_delay_ms
infeasible-delay-beyond-model = meeting the delay objective ({ $objective_ms } ms) would take more than { $partitions } partitions; raise max_delay_ms or speed up processing
infeasible-deadline-beyond-model = no partition count drains every partition within { $target_minutes } min with { $percent }% confidence; processing a single partition's share takes longer than the target; raise target_minutes or speed up processing
infeasible-hot-key = key "{ $key }" alone carries { $percent }% of messages ({ $key_tps } msg/s), more than one partition consumes ({ $partition_tps } msg/s), so no partition count helps; use a finer key, salt this key, or give it a topic of its own

## Guidance

guidance-delivery = { $delivery ->
        [at-least-once] at-least-once: commit offsets manually after processing succeeds (commitSync() / acknowledge()); duplicates will arrive, so make processing idempotent: skip a message whose event id was already applied, and order updates by a publish timestamp carried in the message
        [exactly-once] exactly-once: produce in transactions (initTransactions, sendOffsetsToTransaction, commitTransaction) and consume with isolation.level=read_committed; side effects outside Kafka still need to be idempotent
       *[at-most-once] at-most-once: offsets are auto-committed; use it only where losing a message on failure is acceptable
    }
guidance-no-latency-samples = no latency samples: service times are taken as exponential (E[S^2] = 2 mean^2); measured samples give a sharper plan
guidance-threads-per-partition = { $threads } threads per partition process a partition's messages out of order; acceptable only because this topic has no ordering requirement
guidance-no-delay-objective = no max_delay_ms: sized by the utilisation ceiling ({ $max_utilization }) alone; set a delay objective to size for it
guidance-batch-near-full = consumers are planned at { $percent }% of capacity: the batch ends when the slowest partition drains, so runs can overrun the target; `kplan simulate` shows the spread, and headroom above 1 adds margin
guidance-producer-bound = the producers' byte rate sets the partition count: { $partitions } partitions at { $partition_rate }/s each
guidance-dead-letter = after { $retries } retries { $backoff_ms } ms apart, publish the failed record to { $topic } with its original key, and headers naming the error and the source partition and offset

## Client dialects: their names, reasons and notes

client-title = { $client ->
        [java] Java client
        [librdkafka] librdkafka
       *[spring] Spring Boot
    }
client-reason-alias = { $reason }; librdkafka's alias of { $native }
client-reason-renamed = librdkafka's name for { $java_key }: { $reason }
client-reason-assignor-name = librdkafka's name for { $class }: { $reason }
client-reason-message-max-bytes = librdkafka's limit on a produce request (Java max.request.size): { $reason }
client-reason-queue-kbytes = the Java buffer.memory ({ $buffer_bytes } B) in KiB, the unit librdkafka sizes its producer queue in: { $reason }
client-reason-queue-messages = the producer queue also stops at this many messages: { $kbytes } KiB hold about { $messages } messages of { $message_bytes } B, so the byte limit decides
client-reason-batch-messages = librdkafka also ends a batch at this many messages: batch.size holds about { $messages } messages of { $message_bytes } B, so the byte limit decides
client-reason-murmur2-partitioner = keyed topic: murmur2 of the key, as the Java client and the plan place keys; librdkafka's default (consistent_random, CRC32) would send keys to other partitions
client-reason-offset-store-on-hand-over = at-most-once: an offset is stored as its message is handed over and committed on a timer, before processing may finish
client-reason-offset-store-after-processing = { $delivery }: store a message's offset only after it is processed (rd_kafka_offsets_store(), store_offsets()) and commit the stored offsets; otherwise librdkafka stores it on hand-over, before processing
client-reason-listener-concurrency = one consumer per partition: { $consumers } consumers in the group in all; with K instances of the application, give each { $consumers } / K
client-reason-listener-ack-mode-batch = { $delivery }: the container commits a poll's offsets only after the listener has processed its records{ $delivery ->
        [exactly-once] , inside the transaction that transaction-id-prefix starts
       *[other] {""}
    }
client-note-unmapped = { $client } has no known counterpart of the Java setting { $key }={ $value }; set its equivalent by hand
client-note-message-max-bytes-capped = librdkafka caps message.max.bytes at { $cap_bytes }, below the { $needed_bytes } B the largest message needs: such messages cannot be produced with librdkafka
client-note-batch-bound = librdkafka has no max.poll.records: rd_kafka_consumer_poll() hands over one message at a time. To process in batches, take at most { $records } messages at once (C: rd_kafka_consume_batch_queue() with size { $records }; Python: Consumer.consume(num_messages={ $records })), so that a batch at p99 latency ({ $p99_ms } ms each) fits in half of max.poll.interval.ms ({ $interval_ms } ms)
client-note-librdkafka-dead-letter = librdkafka has no dead letter handling of its own: after { $retries } retries { $backoff_ms } ms apart, produce the failed message to { $topic } with its original key and the same partition number (the topic has as many partitions), then store its offset and move on
client-note-spring-threads-per-partition = the plan runs { $threads } threads per partition, but Spring's listener concurrency counts consumers (one thread each): hand each consumer's records to a pool of { $threads } threads, which gives up order within a partition (this unkeyed topic allows it)
client-note-librdkafka-share-consumer = a share group needs librdkafka's share consumer (librdkafka 2.15 or later, in preview; confluent-kafka's ShareConsumer in Python), not its classic consumer
client-note-spring-share-container = share consumers run in a ShareKafkaListenerContainerFactory (Spring for Apache Kafka 4.1+), which Spring Boot does not configure from spring.kafka.listener: declare the bean below, with concurrency { $consumers } (the plan's consumers), and point the listeners at it; an exception in a listener rejects the record, and the broker retries it up to share.delivery.count.limit
client-note-spring-dead-letter = dead letters: declare the DefaultErrorHandler bean below; Spring Boot gives a CommonErrorHandler bean to its listener container factory, and DeadLetterPublishingRecoverer publishes to { $topic } on the failed record's partition

## The plan report: headings, labels and values

plan-headline = kplan plan: { $topic } ({ $type }) - status: { $status }
for-client = { $what } ({ $client })
section-plan = Plan
section-inputs = Inputs
section-latency = Latency (ms)
section-needs = Partition needs
section-fits-under-cap = What fits under the cap of { $cap }
section-key-spread = Key spread over { $partitions } partitions
section-producer-settings = Producer settings
section-consumer-settings = Consumer settings
section-listener-settings = Listener settings
section-client-notes = { $client } notes
section-dead-letter = Dead letter topic
section-group = Group: { $protocol } ({ $origin }, Kafka { $kafka_version }+)
group-origin = { $protocol ->
        [classic] classic consumer group
        [consumer] consumer rebalance protocol, KIP-848
       *[share] share group, KIP-932
    }
section-group-config-command = Set the group configs (once, for the application's group id)
section-warnings = Warnings
section-guidance = Guidance
header-item = Item
header-value = Value
header-input = Input
header-statistic = Statistic
header-constraint = Constraint
header-partitions = Partitions
header-change-one-of = Change one of
header-to = To
header-measure = Measure
header-setting = Setting
header-reason = Reason
header-group-config = Group config
row-status = Status
status-ok = ok: the plan holds
status-over-cap = over-cap: needs { $needed }, cap { $cap }
status-infeasible = infeasible: no partition count meets the request
row-required-tps = Required TPS
row-planned-tps = Planned TPS
value-planned-tps = { $tps } (headroom x{ $headroom })
row-per-partition-tps = Per-partition TPS
value-per-partition-tps = { $tps } ({ $threads } thread(s) at mean { $mean })
row-partitions = Partitions
value-partitions = { $recommended } recommended ({ $needed } needed, cap { $cap })
row-consumers = Consumers
value-consumers = { $consumers } { $share ->
        [yes] (a share group: several consumers share each partition)
       *[no] (one per partition)
    }
row-utilisation = Utilisation
value-utilisation = { $percent }% of consumer capacity (ceiling { $ceiling }%)
row-predicted-delay = Predicted p99 delay
value-delay-with-objective = { $delay } (objective { $objective })
value-delay-unbounded = unbounded: consumers cannot keep up
row-delay-method = Delay method
row-predicted-drain = Predicted drain time
value-predicted-drain = p50 { $p50 } min, p95 { $p95 } min (target { $target } min)
row-drain-method = Drain method
value-drain-method = the slowest partition's sum of processing times (normal, skew-corrected); { $percent }% of runs drain within { $minutes } min
method-mg1 = M/G/1, exact to within { $low } to { $high } (Pollaczek-Khinchine, numerically)
method-mgc = M/G/c: the partition's queue simulated, { $messages } messages, seed { $seed }
shape-empirical = the { $samples } measured samples, each equally likely
shape-exponential = exponential with mean { $mean } (no p99 given)
shape-fixed = every message takes { $mean }
shape-lognormal = lognormal with mean { $mean } and p99 { $p99 } (sigma { $sigma })
shape-mixture = two-part mixture: { $fast_percent }% exponential with mean { $fast_mean }, { $slow_percent }% taking { $slow } (p99 / mean is beyond any lognormal)
shape-histogram = from a histogram of { $buckets } buckets, uniform within each bucket ({ $mean }){ $tail }
shape-histogram-mean-exact = the mean from _sum / _count
shape-histogram-mean-from-buckets = no _sum: the mean from the buckets
shape-histogram-tail = ; { $percent }% above the last bound, { $last_bound }, taken up to { $high }
value-minutes = { $minutes } min
row-topic = Topic
row-type = Type
row-delivery = Delivery
row-partition-key = Partition key
row-max-messages = Max messages
row-target = Target
row-message-size = Message size
row-largest-message = Largest message
row-concurrency = Concurrency
value-concurrency = { $threads } thread(s) per partition
row-delay-objective = Delay objective
row-latency-source = Latency source
value-latency-summary = summary (mean, p99)
value-latency-samples = samples: { $file }
value-latency-histogram = Prometheus metrics: { $file }
row-latency-shape = Latency shape
row-key-sample = Key sample
row-partition-write-rate = Partition write rate
need-consumers = consumer throughput
need-producer = producer bytes
need-delay = delay objective
need-deadline = batch deadline
need-key-skew = key skew
fit-producers-need = - (the producers' byte rate alone needs { $partitions } partitions)
fit-threads = { $threads } threads per partition
fit-keyed = - (keyed: threads would break key order)
fit-no-thread-count = - (no thread count meets the delay objective)
fit-latency-at-most = at most { $latency }
fit-target-at-least = at least { $minutes } min
fit-row-concurrency = concurrency
fit-row-mean-latency = mean latency
fit-row-target = target
fit-row-group = group
fit-share-group = group = "share" (Kafka 4.2+): { $consumers } consumers on the { $partitions } partitions
key-sampled = sampled keys
value-sampled-keys = { $keys } ({ $distinct } distinct)
key-busiest = busiest partition
value-busiest-share = { $percent }% of messages
key-imbalance = imbalance (max / mean)
key-most-frequent = most frequent key
dlt-topic = topic
dlt-partitions = partitions
value-dlt-partitions = { $partitions } (same as the topic)
dlt-retries = retries
value-dlt-retries = { $retries } before dead-lettering
dlt-backoff = backoff

## --format properties: comments only (keys and values never change)

properties-intro = { $client } settings; the comment above each value gives its reason.
properties-two-blocks = Two blocks: split them into producer.properties and consumer.properties.
properties-spring-intro = Spring Boot application.yml; the comment above each value gives its reason.
properties-notes = Notes:
properties-group-configs = group configs ({ $protocol } protocol, Kafka { $kafka_version }+): set on the brokers, not in the client

## Errors: `file:line: key: problem`; the file, the line and the key never change

error-line = error: { $message }

input-missing = missing; { $table } must set it
input-missing-in-file = missing; the file must set it
toml-type = { $type ->
        [string] a string
        [integer] an integer
        [float] a float
        [boolean] a boolean
        [datetime] a date-time
        [array] an array
        [table] a table
        [boolean-value] true or false
        [string-table] a table of strings
        [string-array] an array of strings
       *[number] a number
    }
input-expected = expected { $want }, found { $found }
input-empty = must not be empty
input-not-one-of = "{ $text }" is not one of { $choices }
input-not-positive = must be positive, found { $found }
input-out-of-range = must be between { $low } and { $high }, found { $found ->
        [none] a larger number
       *[other] { $found }
    }
input-unknown-key-typo = unknown key `{ $name }`; did you mean `{ $nearest }`?
input-unknown-key = unknown key `{ $name }`; expected one of { $known }
input-is-folder = is a folder, not a file
input-too-large = is larger than { $limit }: not a file kplan reads
input-cannot-read = cannot read: { $reason ->
        [not-found] no such file
       *[permission-denied] permission denied
    }
input-share-keyed = "share" cannot keep per-key order: a share group hands each record to any consumer; use "consumer" or "classic" for a keyed topic
input-share-exactly-once = "share" does not support exactly-once: share groups have no transactional offset commits; use at-least-once with idempotent processing
input-share-retries = must be between 1 and 9 for a share group: a record is delivered at most retries + 1 times, and share.delivery.count.limit takes 2 to 10, found { $found }
input-applies-only-with = applies only with { $with ->
        [file] latency_file
        [histogram] latency_histogram_file
       *[file-or-histogram] latency_file or latency_histogram_file
    }
list-and = { $first } and { $rest }
input-one-latency-source = give one latency source, not { $given }
input-latency-source-missing = missing; set latency_file (measured samples), latency_histogram_file (a Prometheus histogram) or latency_ms = {"{"} mean = ..., p99 = ... {"}"}
input-latency-metric-missing = missing; name the histogram in latency_histogram_file, such as "spring_kafka_listener_seconds"
input-metric-name = "{ $name }" is not a Prometheus metric name (letters, digits, '_' and ':', not starting with a digit)
input-metric-suffix = name the histogram itself, "{ $base }", without { $suffix }: kplan reads its buckets, sum and count together
input-too-many-samples = holds more than { $limit } latency samples, the limit (8 bytes of memory each); raise it with KPLAN_MAX_LATENCY_SAMPLES, or give a random sample of the file
input-too-many-keys = more than { $limit } distinct keys, the limit (each takes about 40 bytes of memory beside its own bytes); raise it with --max-distinct-keys or KPLAN_MAX_DISTINCT_KEYS, or sample fewer keys
input-limit-not-number = { $name }={ $value } is not a positive whole number (underscores allowed)
input-limit-not-utf8 = { $name } is not valid UTF-8
input-secret-not-user-password = expected user:password on its first line
input-secret-empty = is empty; expected { $what ->
        [bearer] a bearer token
       *[basic] user:password
    }

input-cannot-read-os = cannot read: { $reason }
input-not-utf8 = is not valid UTF-8 text
input-invalid-toml = invalid TOML: { $details }
input-not-whole = expected a whole number, found { $found }
input-bytes-string = expected a number of bytes such as 1024, found the string "{ $found }"
input-not-finite = must be a finite number, found { $found }
input-topic-name-dots = "{ $name }" is not a valid topic name
input-topic-name-long = topic names are at most 249 characters, this one has { $length }
input-topic-name-char = { $char } is not allowed in a topic name (letters, digits, '.', '_' and '-' are)
input-max-below-average = is smaller than message_bytes ({ $max } < { $average })
input-key-sample-unkeyed = needs topic.partition_key: an unkeyed topic spreads messages evenly
input-target-minutes-range = must be between one second (0.0167) and a year (525600), found { $found }
input-concurrency-keyed = must be 1 for a keyed topic: several threads per partition break per-key order
input-online-only-delay = applies to online topics only; a batch topic's objective is target_minutes
input-online-only-utilization = applies to online topics only; batch consumers run at full utilisation
input-batch-only-drain = applies to batch topics only; online topics are held to max_delay_ms
input-p99-below-mean = is below the mean ({ $p99 } < { $mean }); check the numbers
input-p99-over-mean = is more than { $ratio } x the mean ({ $p99 } > { $ratio } x { $mean }): no distribution has that, since at least 1% of messages would take the p99 or longer; check the numbers and their units
input-samples-folder = is a folder, not a latency sample file
input-samples-not-regular = is not a regular file (a pipe or a device); give a file of samples
input-samples-long-line = line is longer than 1 MiB: not a sample file
input-header-not-utf8 = the header line is not valid UTF-8
input-samples-no-header = the file has no header naming the `{ $column }` column; add one as its first line
input-samples-no-column = no column named `{ $column }` in the header ({ $names }){ $named ->
        [yes] {""}
       *[no] ; name the column with latency_column
    }
input-csv-fields = has { $found } fields where the header has { $fields }
input-not-csv = not a CSV file: { $details }
input-no-samples = holds no latency samples
input-one-sample = holds 1 latency sample; at least 2 are needed for a standard deviation
input-sample-parser-failed = the sample parser failed
input-sample-not-number = not a number: "{ $text }"
input-sample-not-finite = not a finite number: "{ $text }"
input-sample-negative = a latency cannot be negative: { $text }
input-sample-over-day = a latency of "{ $text }" is more than a day: check latency_unit
input-keys-not-regular = is not a regular file of keys
input-no-keys = holds no keys
input-key-not-utf8 = key is not valid UTF-8
input-keys-long-line = line is longer than 1 MiB: not a key file
input-policy-glob = "{ $glob }" is not a valid glob: { $details }
input-policy-regex = is not a valid regular expression: { $details }
input-policy-range-empty = set min, max or both
input-policy-max-below-min = is below min ({ $max } < { $min })
input-policy-fixed-rule = is always an error: a request that does not parse or plan cannot pass
input-beyond-any-cluster = needs about { $partitions } partitions for its { $side ->
        [consumers] consumers: check max_messages, target_minutes and the latency unit
       *[producers] producers: check message_bytes and partition_write_bytes_per_sec
    }; more than { $most } partitions is beyond any cluster
input-profile-type = is a { $type } topic, but the profile { $profile } is for { $profile_type } topics
input-mean-below-nanosecond = the mean latency is { $mean } ms, below one nanosecond: not a measured processing time (check latency_unit)
input-latency-above-hour = latencies above an hour per message: check latency_unit (ms by default)
input-in-file = { $file }: { $problem }

## Latency histogram files (Prometheus text format); the metric is the key

histogram-file-too-large = is larger than 256 MiB: not the scrape of one application's metrics
histogram-not-exposition = not the Prometheus text format: { $details }
exposition-expected-quoted = expected a quoted value at { $at }
exposition-unknown-escape = unknown escape { $escape } in a label value
exposition-unclosed = a quoted value is not closed
exposition-expected-label = expected a label name at { $at }
exposition-label-twice = label { $name } is given twice
exposition-expected-equals = expected = after label { $name }
exposition-expected-comma = expected , or {"}"} at { $at }
exposition-name-twice = a metric name is given twice
exposition-expected-name = expected a metric name at { $at }
exposition-expected-value = expected a blank and a value after { $name }
exposition-not-number = { $text } is not a number
exposition-not-timestamp = { $text } is not a timestamp
exposition-unexpected = unexpected { $text } after the value
exposition-expected-exemplar = expected an exemplar's {"{"}labels{"}"} after #
exposition-exemplar-not-number = exemplar value { $text } is not a number
histogram-neither = has neither _bucket{"{"}le=...{"}"} series (a histogram) nor quantile series (a summary)
histogram-wrong-type = is a { $type }, not a histogram or a summary
histogram-unit-not-time = is measured in { $unit }, not in a unit of time
histogram-unit-source = { $source ->
        [name] its name
        [unit-line] its # UNIT line
       *[latency-unit] latency_unit
    }
histogram-mixed-units = mixed units: { $first_source } says { $first }, { $source } says { $unit }
histogram-no-such-metric = no such metric in the file; { $declared ->
        [yes] histograms and summaries in the file: { $found }
       *[no] the file declares no histogram or summary
    }
histogram-no-such-series = no series has the labels { $labels }; its series are { $labelled ->
        [yes] { $series }
       *[no] unlabelled
    }
histogram-no-buckets = this series has no _bucket{"{"}le=...{"}"} samples
histogram-bad-bound = le={ $le } is not a bucket bound
histogram-bad-count = bucket count { $count } is not a count
histogram-bound-twice = le="{ $le }" is given twice
histogram-not-cumulative = bucket counts are not cumulative: le="{ $high }" counts { $count }, fewer than le="{ $low }"'s { $below }
histogram-no-inf = has no le="+Inf" bucket: the count of all observations is missing
histogram-negative = { $count } observations at or below le="{ $le }": a latency is never negative
histogram-count-mismatch = _count is { $count }, but the le="+Inf" bucket counts { $total }
histogram-different-bounds = the series chosen have different bucket bounds and cannot be summed; narrow latency_labels to one of them
histogram-bound-too-far = le="{ $le }" is beyond any processing time of one message (wrong unit?)
histogram-bad-sum = _sum is { $sum }: not a sum of latencies
histogram-no-observations = has no observations: every bucket counts 0
histogram-mean-outside = _sum / _count is { $mean_ms } ms, outside the { $lowest_ms }..{ $highest_ms } ms the buckets allow: mixed units between _sum and the le bounds?
histogram-summary-series = is a summary with several series: their quantiles cannot be added; narrow latency_labels to one series
histogram-summary-needs-sum = a summary needs its _sum and _count for the mean
histogram-count-zero = _count is { $count }: no observations
histogram-p99-outside = the 0.99 quantile, { $p99_ms } ms, is not between the mean ({ $mean_ms } ms) and { $ratio } x the mean

## Client properties files (--command-config); the property name is the key

config-truststore-type = librdkafka cannot read a { $type } truststore: export the CA certificates as PEM (keytool -exportcert -rfc) and set ssl.truststore.type=PEM
config-truststore-password = a PEM truststore has no password (librdkafka reads no JKS or PKCS12 truststore): remove it
config-keystore-type = librdkafka cannot read a { $type } keystore: convert it to PKCS12 (keytool -importkeystore -deststoretype PKCS12) and set ssl.keystore.type=PKCS12
config-keystore-password = applies to a PKCS12 keystore only (set ssl.keystore.type=PKCS12)
config-endpoint-algorithm = expected https or an empty value
config-bootstrap-servers = give the cluster with --bootstrap-server
config-ssl-unmapped = has no librdkafka equivalent (librdkafka negotiates TLS through OpenSSL); remove it, or pass a librdkafka setting with -X
config-kerberos = Kerberos (GSSAPI) is not built into kplan
config-unmapped = is not a client setting kplan can map to librdkafka; remove it, or pass a librdkafka setting with -X key=value
config-security-protocol = "{ $value }" is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL
config-sasl-mechanism = "{ $value }" is not supported: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
config-store-type = expected PEM, PKCS12 or JKS
config-jaas-unreadable = cannot be read as `LoginModule required username="..." password="...";`
config-jaas-module = only PlainLoginModule and ScramLoginModule can be mapped to librdkafka
config-jaas-credentials = needs both username and password options

## Profile files (--profile); the dotted key names the setting

input-min-isr-above-replication = is { $min_isr }, above the replication factor { $replication_factor }: every acks=all write would fail with NOT_ENOUGH_REPLICAS
input-replication-below-profile-isr = is { $replication_factor }, below the profile's min.insync.replicas { $min_isr }: every acks=all write would fail with NOT_ENOUGH_REPLICAS; set limits.min_insync_replicas too
profile-min-isr-within-replication = must be at least 1 and at most topic.replication_factor: more would fail every acks=all write
profile-between = must be between { $low } and { $high }
profile-above-at-most = must be above { $low } and at most { $high }
profile-at-least-at-most = must be at least { $low } and at most { $high }
profile-at-least = must be at least { $low }
profile-one-of = must be one of { $choices }
profile-java-int = must be at most 2147483647, the Java client's 32-bit int
profile-request-timeout = with linger_ms, must be at most 2147483647: delivery.timeout.ms is at least their sum
profile-java-long = must fit the Java client's 64-bit long

## kplan check: findings (the rule names stay as they are)

check-cap-above-policy = { $own } is above the policy's cap of { $cap }; the plan uses { $cap }
check-topic-name = "{ $name }" does not match the policy's pattern { $pattern }
check-topic-type = { $type } topics are not allowed here (allowed: { $allowed })
check-delivery = { $delivery } is not allowed here (allowed: { $allowed })
check-dead-letter-required = { $delivery } needs a {"["}dead_letter{"]"} section: a message that keeps failing must go somewhere other than a retry loop
check-key-sample-required = a keyed topic needs publish.key_sample_file, so that key skew is checked
check-message-size-limit = messages of { $largest } bytes are above the policy's limit of { $limit } bytes
check-target-minutes-range = { $minutes } is outside the policy's range: { $min ->
        [none] at most { $max }
       *[other] { $max ->
            [none] at least { $min }
           *[other] between { $min } and { $max }
        }
    }
check-latency-samples-required = a summary is not enough here: give latency_file with measured per-message latencies
check-concurrency-limit = { $threads } threads per partition, above the policy's limit of { $max }
check-delay-objective-required = an online topic needs subscribe.max_delay_ms, its p99 end-to-end delay objective
check-headroom-minimum = the plan uses a headroom of { $headroom }, below the policy's minimum of { $min }
check-latency-sample-count = { $samples } latency samples, fewer than the policy's { $min }
check-infeasible = no partition count meets the request
check-over-cap = needs { $needed } partitions, over { $source ->
        [policy] the policy's cap
        [request] the cap in {"["}limits{"]"}
       *[profile] the profile's cap
    } of { $cap }{ $target_minutes ->
        [none] {""}
       *[other] ; it would fit with { $threads ->
            [none] {""}
           *[other] concurrency = { $threads }, or{" "}
        }{ $mean_ms ->
            [none] {""}
           *[other] a mean latency of { $mean_ms } ms, or{" "}
        }target_minutes = { $target_minutes }
    }

## kplan observe latency and kplan observe topic

observe-latency-headline = kplan observe latency: { $series } over the last { $window } from { $prometheus } - from a histogram of { $buckets } buckets
observe-section-buckets = Buckets (cumulative)
observe-header-observations = Observations
observe-header-in-bucket = In this bucket
observe-warning-tail = { $percent }% of the observations are above the last bound ({ $last_bound_ms } ms), where the histogram cannot say how slow they were; the statistics take them up to { $high_ms } ms
observe-warning-no-sum = no _sum in the window: the mean is the buckets' own, not exact
observe-topic-headline = kplan observe topic: { $topic } on { $servers }{ $with_group ->
        [yes] , group { $group }
       *[no] {""}
    } - { $readings } readings over { $seconds } s
observe-section-partitions = Partitions
observe-section-summary = Summary
observe-header-partition = Partition
observe-header-produce = Produce
observe-header-consume = Consume
observe-header-lag = Lag
observe-header-lag-trend = Lag trend
observe-header-drain = Drain
observe-header-capacity = Capacity (backlogged)
observe-total = total
observe-drain-seconds = { $seconds } s
observe-drain-never = never (the lag grows)
observe-peak-produce-rate = peak produce rate
observe-busiest-share = busiest partition's share
observe-implied-latency = implied processing time
observe-implied-latency-value = { $ms } ms per message per thread

## kplan observe topic --format toml: the comments of the drafted request

draft-window = over a { $seconds } s window ({ $readings } readings) of { $topic } on { $servers }
draft-title = A request drafted by kplan observe topic { $window }.
draft-check = Check every line that says "assumed" or "not observed" before planning with it.
draft-type-assumed = assumed: a stream consumed as it arrives; "batch" for a volume due within a window
draft-assumed = assumed
draft-max-messages = the observed peak produce rate, { $rate } msg/s between two readings { $window }, for one minute
draft-message-bytes = not observed (offsets count messages, not bytes): set the average message size
draft-target-minutes = one minute, so that max_messages is the peak rate per minute
draft-latency = 1000 / the consume rate of the { $backlogged } partition(s) backlogged through the window{ $with_group ->
        [yes] {" "}(group { $group })
       *[no] {""}
    }, one thread each
draft-latency-unknown = not observed: no partition stayed backlogged through the window, so its consumer's speed is unknown; measure it (latency_file, latency_histogram_file) and set it
draft-busiest = The busiest partition took { $percent }% of the produce rate { $window }.

## kplan diff and kplan check --base: what a change to a request does to its plan

diff-group-protocol = { $protocol ->
        [classic] the classic protocol: the consumers assign the partitions among themselves, one consumer each
        [consumer] KIP-848's consumer protocol: the brokers assign the partitions, one consumer each, and hold the group configs
       *[share] a share group (KIP-932): records go to any consumer, so consumers may exceed partitions; no per-key order
    }{ $new_id ->
        [yes] ; a share group and a consumer group cannot share a group id: the new group needs an id of its own and starts where its offset reset says, not at the old group's offsets
       *[no] {""}
    }
diff-kafka-any = the classic protocol, which every Kafka release serves
diff-kafka-share-dlq = brokers on Kafka { $version } or later: the share group's dead letter queue (KIP-1191) came after share groups ({ $share_version }+)
diff-kafka-version = brokers on Kafka { $version } or later serve the { $protocol } protocol
diff-consumers = { $share ->
        [yes] { $consumers } share-group consumers on { $partitions } partitions: a share group hands each record to any consumer, so consumers beyond the partitions do work
       *[no] one consumer per partition ({ $partitions } partitions): a consumer group gives each partition to one consumer
    }
diff-partition-decrease = partitions never shrink: the topic keeps its { $old } partitions, so the plan for { $new } cannot be applied; keep the request at { $old } or more, or create a new topic
diff-moved-of-sample = of the { $keys } distinct keys in the key sample
diff-moved-of-keys = of keys (1 - { $old } / lcm({ $old }, { $new }))
diff-keyed-growth = growing from { $old } to { $new } moves { $percent }% { $measure } by { $key } to another partition, so their order breaks across the change: stop producers, let consumers drain the topic, grow it (kafka-topics.sh --alter --partitions { $new_plain }), then restart both
diff-unkeyed-growth = growing from { $old } to { $new }: unkeyed, so no order breaks; consumers rebalance onto the new partitions
diff-none = (none)
diff-added = new request
diff-added-partitions = new request: { $partitions } partitions
diff-removed = request removed
diff-removed-partitions = request removed (it planned { $partitions } partitions); the topic stays on the cluster until it is deleted by hand
diff-unchanged = no change to the plan
diff-against-base = Plan changes against { $base }
diff-tally = { $changed } changed, { $added } added, { $removed } removed, { $breaking } breaking

//! Spring Boot's `spring.kafka.*` properties. Settings Spring Boot names itself go under
//! their own keys (with Spring's units: `500ms` durations); every other Kafka property
//! goes into the `properties` map under its Java name, which Spring passes through as it
//! is. The listener container runs one consumer per partition, and a dead letter plan
//! becomes a `DefaultErrorHandler` with a `DeadLetterPublishingRecoverer`.

use super::{
    Client, ClientConfig, ClientNote, ClientReason, ClientSetting, Snippet, client_setting,
};
use crate::human::count;
use crate::model::{DeadLetterPlan, Plan, Setting};

const PRODUCER: &str = "spring.kafka.producer";
const CONSUMER: &str = "spring.kafka.consumer";
const LISTENER: &str = "spring.kafka.listener";

pub fn config(plan: &Plan) -> ClientConfig {
    if plan.is_share_group() {
        return share_group_config(plan);
    }
    let mut notes = Vec::new();
    if plan.inputs.concurrency > 1 {
        notes.push(ClientNote::SpringThreadsPerPartition {
            threads: plan.inputs.concurrency,
        });
    }
    let mut snippets = Vec::new();
    if let Some(dl) = &plan.dead_letter {
        notes.push(ClientNote::SpringDeadLetter {
            topic: dl.topic.clone(),
        });
        snippets.push(error_handler(dl));
    }
    ClientConfig {
        client: Client::Spring,
        producer: mapped(PRODUCER, &plan.producer, producer_key),
        consumer: mapped(CONSUMER, &plan.consumer, consumer_key),
        listener: listener(plan),
        notes,
        snippets,
    }
}

/// Spring Boot's own key and value for a Java setting, when it has one.
type OwnKey = fn(&Setting) -> Option<(&'static str, String)>;

/// Settings with Spring Boot keys first, then the `properties` map, so each YAML block
/// is written once.
fn mapped(prefix: &str, settings: &[Setting], own_key: OwnKey) -> Vec<ClientSetting> {
    let mut own = Vec::new();
    let mut passed_through = Vec::new();
    for setting in settings {
        match own_key(setting) {
            Some((key, value)) => own.push(client_setting(
                format!("{prefix}.{key}"),
                value,
                ClientReason::Plan(setting.reason.clone()),
            )),
            None => passed_through.push(client_setting(
                format!("{prefix}.properties[{}]", setting.key),
                &setting.value,
                ClientReason::Plan(setting.reason.clone()),
            )),
        }
    }
    own.extend(passed_through);
    own
}

fn producer_key(setting: &Setting) -> Option<(&'static str, String)> {
    let key = match setting.key {
        "acks" => "acks",
        "batch.size" => "batch-size",
        "buffer.memory" => "buffer-memory",
        "compression.type" => "compression-type",
        "transactional.id" => "transaction-id-prefix",
        _ => return None,
    };
    Some((key, setting.value.to_string()))
}

fn consumer_key(setting: &Setting) -> Option<(&'static str, String)> {
    let value = setting.value.to_string();
    let mapped = match setting.key {
        "max.poll.records" => ("max-poll-records", value),
        "enable.auto.commit" => ("enable-auto-commit", value),
        "auto.offset.reset" => ("auto-offset-reset", value),
        "fetch.min.bytes" => ("fetch-min-size", value),
        // Spring Boot reads these as durations; the unit is written out.
        "fetch.max.wait.ms" => ("fetch-max-wait", format!("{value}ms")),
        "heartbeat.interval.ms" => ("heartbeat-interval", format!("{value}ms")),
        "isolation.level" => ("isolation-level", value.replace('_', "-")),
        _ => return None,
    };
    Some(mapped)
}

fn listener(plan: &Plan) -> Vec<ClientSetting> {
    let consumers = plan.consumers;
    let mut settings = vec![client_setting(
        format!("{LISTENER}.concurrency"),
        consumers,
        ClientReason::ListenerConcurrency { consumers },
    )];
    if plan.inputs.delivery.is_lossless() {
        settings.push(client_setting(
            format!("{LISTENER}.ack-mode"),
            "batch",
            ClientReason::ListenerAckModeBatch {
                delivery: plan.inputs.delivery,
            },
        ));
    }
    settings
}

/// A share group: the same producer and consumer properties, and a share container
/// factory in place of the listener properties. Dead letters are the broker's (the
/// group configs), so no error handler publishes them.
fn share_group_config(plan: &Plan) -> ClientConfig {
    ClientConfig {
        client: Client::Spring,
        producer: mapped(PRODUCER, &plan.producer, producer_key),
        consumer: mapped(CONSUMER, &plan.consumer, consumer_key),
        listener: Vec::new(),
        notes: vec![ClientNote::SpringShareContainer {
            consumers: plan.consumers,
        }],
        snippets: vec![share_container_factory(plan.consumers)],
    }
}

/// The share container factory, built from the consumer properties Spring Boot made.
fn share_container_factory(consumers: u64) -> Snippet {
    let lines = [
        "import org.springframework.context.annotation.Bean;",
        "import org.springframework.context.annotation.Configuration;",
        "import org.springframework.kafka.config.ShareKafkaListenerContainerFactory;",
        "import org.springframework.kafka.core.ConsumerFactory;",
        "import org.springframework.kafka.core.DefaultShareConsumerFactory;",
        "",
        "@Configuration",
        "class KafkaShareGroupConfig {",
        "",
    ];
    let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    lines.extend([
        format!(
            "    // {} share consumers in all; with K instances of the application, give each {} / K.",
            count(consumers),
            count(consumers)
        ),
        "    // Listeners use it with @KafkaListener(containerFactory = \"shareKafkaListenerContainerFactory\").".to_string(),
        "    @Bean".to_string(),
        "    ShareKafkaListenerContainerFactory<Object, Object> shareKafkaListenerContainerFactory(".to_string(),
        "            ConsumerFactory<Object, Object> consumerFactory) {".to_string(),
        "        // spring.kafka.consumer.* as Spring Boot built them.".to_string(),
        "        var shareConsumers = new DefaultShareConsumerFactory<Object, Object>(".to_string(),
        "                consumerFactory.getConfigurationProperties());".to_string(),
        "        var factory = new ShareKafkaListenerContainerFactory<>(shareConsumers);".to_string(),
        format!("        factory.setConcurrency({consumers});"),
        "        return factory;".to_string(),
        "    }".to_string(),
        "}".to_string(),
    ]);
    Snippet {
        title: "KafkaShareGroupConfig.java".to_string(),
        language: "java",
        lines,
    }
}

/// The bean that retries a failed record and then publishes it to the dead letter topic.
fn error_handler(dl: &DeadLetterPlan) -> Snippet {
    let lines = [
        "import org.springframework.context.annotation.Bean;",
        "import org.springframework.context.annotation.Configuration;",
        "import org.springframework.kafka.core.KafkaTemplate;",
        "import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;",
        "import org.springframework.kafka.listener.DefaultErrorHandler;",
        "import org.springframework.util.backoff.FixedBackOff;",
        "",
        "@Configuration",
        "class KafkaDeadLetterConfig {",
        "",
    ];
    let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    lines.extend([
        format!(
            "    // {} retries {} ms apart, then the record goes to {},",
            dl.retries,
            count(dl.backoff_ms),
            dl.topic
        ),
        "    // on the partition it came from (the DLT has as many partitions).".to_string(),
        "    @Bean".to_string(),
        "    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {"
            .to_string(),
        "        var recoverer = new DeadLetterPublishingRecoverer(template);".to_string(),
        format!(
            "        return new DefaultErrorHandler(recoverer, new FixedBackOff({}L, {}L));",
            dl.backoff_ms, dl.retries
        ),
        "    }".to_string(),
        "}".to_string(),
    ]);
    Snippet {
        title: "KafkaDeadLetterConfig.java".to_string(),
        language: "java",
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::{Acks, Isolation, SettingValue};
    use crate::test_plans::setting;

    #[test]
    fn spring_keys_come_first_then_the_properties_map() {
        let settings = [
            setting("acks", SettingValue::Acks(Acks::All)),
            setting("linger.ms", SettingValue::Integer(5)),
            setting("batch.size", SettingValue::Integer(16384)),
        ];
        let keys: Vec<String> = mapped(PRODUCER, &settings, producer_key)
            .into_iter()
            .map(|s| format!("{}={}", s.key, s.value))
            .collect();
        assert_eq!(
            keys,
            [
                "spring.kafka.producer.acks=all",
                "spring.kafka.producer.batch-size=16384",
                "spring.kafka.producer.properties[linger.ms]=5",
            ]
        );
    }

    #[test]
    fn durations_carry_their_unit_and_enums_use_dashes() {
        let settings = [
            setting("fetch.max.wait.ms", SettingValue::Integer(500)),
            setting(
                "isolation.level",
                SettingValue::Isolation(Isolation::ReadCommitted),
            ),
        ];
        let values: Vec<String> = mapped(CONSUMER, &settings, consumer_key)
            .into_iter()
            .map(|s| format!("{}={}", s.key, s.value))
            .collect();
        assert_eq!(
            values,
            [
                "spring.kafka.consumer.fetch-max-wait=500ms",
                "spring.kafka.consumer.isolation-level=read-committed",
            ]
        );
    }

    #[test]
    fn the_error_handler_retries_as_the_plan_says() {
        let dl = DeadLetterPlan {
            topic: "t.v1.DLT".to_string(),
            partitions: 4,
            retries: 3,
            backoff_ms: 500,
        };
        let code = error_handler(&dl).lines.join("\n");
        assert!(code.contains("new FixedBackOff(500L, 3L)"), "{code}");
        assert!(code.contains("// 3 retries 500 ms apart, then the record goes to t.v1.DLT"));
    }
}

// Recorded by fixtures.record.ts from a real engine; do not edit (GWS_UPDATE_FIXTURES=1 re-records it).
import type { ChatSnapshot } from '@gws-chat/core'
import type { FixtureName } from './fixtures.names'

export const FIXTURE_SNAPSHOTS: Record<FixtureName, ChatSnapshot> = {
  "idle": {
    "status": "idle",
    "chatId": null,
    "transcript": [],
    "participants": [],
    "visitorId": null,
    "agentTyping": false,
    "capabilities": [],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  },
  "requesting": {
    "status": "requesting",
    "chatId": null,
    "transcript": [],
    "participants": [],
    "visitorId": null,
    "agentTyping": false,
    "capabilities": [],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  },
  "queued": {
    "status": "queued",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  },
  "connected": {
    "status": "connected",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  },
  "agentTyping": {
    "status": "connected",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      },
      {
        "index": 6,
        "type": "TypingStarted",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605700000
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": true,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  },
  "unread": {
    "status": "connected",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      },
      {
        "index": 6,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605700000,
        "text": "I found the problem: a duplicate charge."
      },
      {
        "index": 7,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605760000,
        "text": "It is refunded within five days."
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 2
  },
  "failedSend": {
    "status": "connected",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [
      {
        "id": "m2-hra0hr",
        "text": "Can you send me a copy?",
        "status": "failed",
        "error": {
          "code": "gws_error",
          "message": "SendMessage: GWS statusCode 2 (The message was refused)",
          "operation": "SendMessage",
          "httpStatus": 400,
          "statusCode": 2
        }
      }
    ],
    "error": null,
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  },
  "reconnecting": {
    "status": "connected",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "reconnecting",
    "unreadCount": 0
  },
  "offline": {
    "status": "connected",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": null,
    "connection": "offline",
    "unreadCount": 0
  },
  "endedByCustomer": {
    "status": "ended",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      },
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [
      "SendMessage",
      "SendStartTypingNotification",
      "SendStopTypingNotification",
      "Complete"
    ],
    "outbox": [],
    "error": null,
    "endReason": "customer",
    "connection": "online",
    "unreadCount": 0
  },
  "endedByAgent": {
    "status": "ended",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      },
      {
        "index": 6,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605700000,
        "text": "Glad I could help. Goodbye!"
      },
      {
        "index": 7,
        "type": "ParticipantLeft",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605760000
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [],
    "outbox": [],
    "error": null,
    "endReason": "agent",
    "connection": "online",
    "unreadCount": 0
  },
  "endedByServer": {
    "status": "ended",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      }
    ],
    "participants": [
      {
        "nickname": "Chris",
        "participantId": "p-visitor",
        "type": "Customer"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [],
    "outbox": [],
    "error": null,
    "endReason": "server",
    "connection": "online",
    "unreadCount": 0
  },
  "endedByTimeout": {
    "status": "ended",
    "chatId": "chat-fixture",
    "transcript": [
      {
        "index": 1,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605400000
      },
      {
        "index": 2,
        "type": "ParticipantJoined",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605460000
      },
      {
        "index": 3,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605520000,
        "text": "Hi, I'm Ava. How can I help?"
      },
      {
        "index": 4,
        "type": "Text",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605580000,
        "text": "Hello, my last bill looks too high."
      },
      {
        "index": 5,
        "type": "Text",
        "from": {
          "nickname": "Ava",
          "participantId": "p-agent",
          "type": "Agent"
        },
        "time": 1767605640000,
        "text": "Let me look that up for you."
      },
      {
        "index": 6,
        "type": "ParticipantLeft",
        "from": {
          "nickname": "Chris",
          "participantId": "p-visitor",
          "type": "Customer"
        },
        "time": 1767605700000
      }
    ],
    "participants": [
      {
        "nickname": "Ava",
        "participantId": "p-agent",
        "type": "Agent"
      }
    ],
    "visitorId": "p-visitor",
    "agentTyping": false,
    "capabilities": [],
    "outbox": [],
    "error": null,
    "endReason": "timeout",
    "connection": "online",
    "unreadCount": 0
  },
  "error": {
    "status": "error",
    "chatId": null,
    "transcript": [],
    "participants": [],
    "visitorId": null,
    "agentTyping": false,
    "capabilities": [],
    "outbox": [],
    "error": {
      "code": "gws_error",
      "message": "RequestChat: GWS statusCode 4 (The service is unavailable)",
      "operation": "RequestChat",
      "httpStatus": 503,
      "statusCode": 4
    },
    "endReason": null,
    "connection": "online",
    "unreadCount": 0
  }
}
